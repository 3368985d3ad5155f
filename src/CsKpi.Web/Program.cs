using CsKpi.Web.Api;
using CsKpi.Web.Infrastructure;
using Serilog;

Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
    .CreateLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddCsKpiLogging();
    builder.AddCsKpiDatabase();
    builder.AddCsKpiDashboard();
    builder.AddCsKpiUploads();
    builder.AddCsKpiSecurity();
    builder.AddCsKpiLocalization();
    builder.Services.AddRazorPages().AddViewLocalization();
    builder.Services.AddOpenApi();

    var app = builder.Build();
    app.UseCsKpiLogging();
    if (!app.Environment.IsDevelopment())
        app.UseExceptionHandler("/Error");
    app.UseCsKpiApiErrors();
    app.UseRequestLocalization();
    app.UseCsKpiSecurity();
    app.MapCsKpiHealthChecks();
    app.MapRazorPages();
    app.MapCsKpiApi();
    app.MapOpenApi().AllowAnonymous(); // the API's description: /openapi/v1.json
    await app.PrepareCsKpiDatabaseAsync();
    await app.RunAsync();
}
catch (Exception e) when (e is not HostAbortedException)
{
    Log.Fatal(e, "CsKpi stopped: {Reason}", e.Message);
    throw;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
