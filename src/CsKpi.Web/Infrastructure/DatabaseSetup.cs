using CsKpi.Core.Accounts;
using CsKpi.Core.Data;
using CsKpi.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CsKpi.Web.Infrastructure;

/// <summary>The resolved connection string, for work that talks to PostgreSQL directly (CSV import's COPY).</summary>
public sealed record DatabaseConnection(string ConnectionString);

/// <summary>Settings under "Database".</summary>
public sealed class DatabaseOptions
{
    /// <summary>Apply pending migrations at start-up (on by default: one container, one command).</summary>
    public bool MigrateOnStartup { get; set; } = true;
    /// <summary>Fill an empty database with demo data at start-up (the README's run command turns it on).</summary>
    public bool LoadDemoDataWhenEmpty { get; set; }
    public int DemoTickets { get; set; } = DemoData.DefaultTickets;
}

internal static class DatabaseSetup
{
    /// <summary>
    /// ConnectionStrings:CsKpi, else CSKPI_CONNECTION, else the local PostgreSQL cluster, started here and stopped
    /// when the app stops.
    /// </summary>
    public static async Task AddCsKpiDatabaseAsync(this WebApplicationBuilder builder)
    {
        var connectionString = Database.ConfiguredConnectionString(builder.Configuration.GetConnectionString("CsKpi"));
        if (connectionString is null)
        {
            var local = LocalPostgres.Development();
            Serilog.Log.Information("No connection string given: using the local PostgreSQL in {DataDirectory} on port {Port}", local.DataDirectory, local.Port);
            var startedHere = await local.StartAsync();
            connectionString = local.ConnectionString();
            if (startedHere)
                builder.Services.AddHostedService(_ => new LocalPostgresStopper(local));
        }

        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration("Database").ValidateOnStart();
        builder.Services.AddSingleton(new DatabaseConnection(connectionString));
        // Pooled contexts: one per request (scoped) and more on demand, for pages that run queries side by side.
        builder.Services.AddPooledDbContextFactory<KpiDbContext>(options => options.UseCsKpiPostgres(connectionString));
        builder.Services.AddScoped(services => services.GetRequiredService<IDbContextFactory<KpiDbContext>>().CreateDbContext());
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
    }

    public static void MapCsKpiHealthChecks(this WebApplication app) => app.MapHealthChecks("/healthz").AllowAnonymous();

    public static async Task PrepareCsKpiDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
        if (options.MigrateOnStartup)
            await db.ApplyMigrationsAsync();
        if (options.LoadDemoDataWhenEmpty && await Database.IsEmptyAsync(db))
        {
            app.Logger.LogInformation("The database is empty: loading demo data ({Tickets} tickets)", options.DemoTickets);
            await DemoData.LoadAsync(db.Database.GetConnectionString()!, new DemoOptions(options.DemoTickets), progress: null);
        }
        // The demo run command: no one can sign in yet (a fresh database, or one from before sign-in existed).
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        if (options.LoadDemoDataWhenEmpty && !await accounts.AnyActiveAdminAsync())
            PrintOnce(await DemoUsers.CreateAsync(accounts));
        // Only when start-up talks to the database anyway: with migrations run elsewhere, the app starts without it.
        if (options.MigrateOnStartup && !await accounts.AnyActiveAdminAsync())
            app.Logger.LogWarning("No admin can sign in yet. Create one with: cskpi users add you@example.com --role admin " +
                "(from the repository: dotnet run --project src/CsKpi.Cli -- users add you@example.com --role admin); it prints the password.");
    }

    /// <summary>
    /// The demo sign-ins, on the console only (not through the log pipeline, which may be shipped elsewhere): shown
    /// this once, when the demo data is loaded.
    /// </summary>
    private static void PrintOnce(IReadOnlyList<DemoUser> users)
    {
        var lines = new List<string> { "", "Demo sign-ins (shown once; create more under Admin → Users or with cskpi users add):" };
        lines.AddRange(users.Select(u => $"  {u.Role,-8} {u.Email,-28} {u.Password}"));
        lines.Add("");
        Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
        Console.Out.Flush();
    }

    /// <summary>Stops the local cluster this process started, on application shutdown.</summary>
    private sealed class LocalPostgresStopper(LocalPostgres local) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => local.StopAsync(CancellationToken.None);
    }
}

/// <summary>
/// Healthy when a query reaches PostgreSQL. Runs through EF Core's execution strategy, so a database that has just
/// restarted is retried rather than reported down.
/// </summary>
internal sealed class DatabaseHealthCheck(KpiDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", e);
        }
    }
}
