using Serilog;

namespace CsKpi.Web.Infrastructure;

internal static class Logging
{
    /// <summary>Structured console logs; levels and sinks can be changed under "Serilog" in configuration.</summary>
    public static void AddCsKpiLogging(this WebApplicationBuilder builder) =>
        builder.Services.AddSerilog(preserveStaticLogger: true, configureLogger: (services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>One log event per request, with method, path, status and elapsed time as properties.</summary>
    public static void UseCsKpiLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(options => options.GetLevel = (http, _, error) =>
            error is not null || http.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
            : http.Request.Path.StartsWithSegments("/healthz") ? Serilog.Events.LogEventLevel.Verbose
            : Serilog.Events.LogEventLevel.Information);
}
