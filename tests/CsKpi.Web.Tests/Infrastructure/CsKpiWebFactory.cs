using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CsKpi.Web.Tests.Infrastructure;

/// <summary>
/// The real app (Program) over a real PostgreSQL database given by connection string. Clients talk HTTPS, as
/// browsers do with the app's secure-only cookies.
/// </summary>
public sealed class CsKpiWebFactory : WebApplicationFactory<Program>
{
    private readonly string _connectionString;

    public CsKpiWebFactory(string connectionString)
    {
        _connectionString = connectionString;
        ClientOptions.BaseAddress = new Uri("https://localhost");
        ClientOptions.AllowAutoRedirect = false;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:CsKpi", _connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Database:LoadDemoDataWhenEmpty", "false");
        // Tests sign in many times from one address; the rate-limit test sets its own limit.
        builder.UseSetting("RateLimits:SignInPerMinute", "10000");
    }
}
