using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CsKpi.Web.Tests.Infrastructure;

/// <summary>The real app (Program) over a real PostgreSQL database given by connection string.</summary>
public sealed class CsKpiWebFactory(string connectionString) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:CsKpi", connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Database:LoadDemoDataWhenEmpty", "false");
    }
}
