using CsKpi.Core.Accounts;
using CsKpi.Core.Data;
using CsKpi.Core.Demo;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CsKpi.Web.Infrastructure;

/// <summary>
/// The resolved connection string with the imports' time limits, for background work: CSV imports (COPY) and the
/// rollups' rebuilds.
/// </summary>
public sealed record DatabaseConnection(string ConnectionString);

/// <summary>Settings under "Database".</summary>
public sealed class DatabaseOptions
{
    /// <summary>Apply pending migrations at start-up (on by default: one container, one command).</summary>
    public bool MigrateOnStartup { get; set; } = true;
    /// <summary>Fill an empty database with demo data at start-up (the README's run command turns it on).</summary>
    public bool LoadDemoDataWhenEmpty { get; set; }
    public int DemoTickets { get; set; } = DemoData.DefaultTickets;

    // Limits on the server side of every connection (SessionLimits): pages and the API, then imports.
    public TimeSpan ReportStatementTimeout { get; set; } = SessionLimits.Reports.Statement;
    public TimeSpan ReportLockTimeout { get; set; } = SessionLimits.Reports.Lock;
    public TimeSpan ImportStatementTimeout { get; set; } = SessionLimits.Imports.Statement;
    public TimeSpan ImportLockTimeout { get; set; } = SessionLimits.Imports.Lock;
    public TimeSpan IdleInTransactionTimeout { get; set; } = SessionLimits.Reports.IdleInTransaction;
    /// <summary>How often a running statement checks that its client is still there (PostgreSQL 14+).</summary>
    public TimeSpan ClientCheckInterval { get; set; } = SessionLimits.Reports.ClientCheck;
    /// <summary>/healthz says Degraded once a session has waited this long for a lock on the app's tables.</summary>
    public TimeSpan HealthLockWait { get; set; } = TimeSpan.FromSeconds(5);

    public SessionLimits ReportLimits =>
        new(ReportStatementTimeout, ReportLockTimeout, IdleInTransactionTimeout, ClientCheckInterval);
    public SessionLimits ImportLimits =>
        new(ImportStatementTimeout, ImportLockTimeout, IdleInTransactionTimeout, ClientCheckInterval);

    public bool HasNoNegativeTime() =>
        new[]
        {
            ReportStatementTimeout, ReportLockTimeout, ImportStatementTimeout, ImportLockTimeout,
            IdleInTransactionTimeout, ClientCheckInterval, HealthLockWait,
        }.All(t => t >= TimeSpan.Zero);
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

        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration("Database")
            .Validate(o => o.HasNoNegativeTime(), "Database: timeouts and intervals must not be negative (0: none).")
            .ValidateOnStart();
        // The limits go into the connection strings, which are fixed here.
        var settings = builder.Configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddSingleton(
            new DatabaseConnection(settings.ImportLimits.Apply(Named(connectionString, BackgroundApplicationName))));
        // Pooled contexts: one per request (scoped) and more on demand, for pages that run queries side by side.
        var reports = settings.ReportLimits.Apply(Named(connectionString, ReportsApplicationName));
        builder.Services.AddPooledDbContextFactory<KpiDbContext>(options => options.UseCsKpiPostgres(reports));
        builder.Services.AddScoped(services => services.GetRequiredService<IDbContextFactory<KpiDbContext>>().CreateDbContext());
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
    }

    /// <summary>
    /// How the sessions of requests and of background work show in pg_stat_activity (unless the connection string
    /// names them): a stuck statement is found, and the health check tells waiting readers from background work.
    /// </summary>
    public const string ReportsApplicationName = "cskpi-requests";

    public const string BackgroundApplicationName = "cskpi-background";

    private static string Named(string connectionString, string applicationName)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
            builder.ApplicationName = applicationName;
        return builder.ConnectionString;
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
            var unbounded = SessionLimits.Unbounded.Apply(db.Database.GetConnectionString()!);
            await DemoData.LoadAsync(unbounded, new DemoOptions(options.DemoTickets), progress: null);
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
/// Healthy when PostgreSQL answers and nothing blocks reads; Degraded (still 200, docs/decisions.md) while a session
/// holds or awaits an ACCESS EXCLUSIVE lock on one of the app's tables (every reader of that table waits behind it)
/// or has waited longer than Database:HealthLockWait for any lock on them; Unhealthy when PostgreSQL cannot be
/// reached. Runs through EF Core's execution strategy, so a database that has just restarted is retried rather than
/// reported down.
/// </summary>
internal sealed class DatabaseHealthCheck(KpiDbContext db, IOptions<DatabaseOptions> options) : IHealthCheck
{
    private const string BlockingLocks = """
        SELECT format('%s: %s %s by process %s',
            c.relname, l.mode, CASE WHEN l.granted THEN 'held' ELSE 'awaited' END, l.pid)
        FROM pg_locks l
        JOIN pg_class c ON c.oid = l.relation
        JOIN pg_stat_activity a ON a.pid = l.pid
        LEFT JOIN pg_index x ON x.indexrelid = c.oid
        WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND c.relnamespace = current_schema()::regnamespace
          AND l.pid <> pg_backend_pid()
          -- Not the rollups' tables: reports read them only while current, which a rebuild holding them is not.
          AND (SELECT relname FROM pg_class WHERE oid = coalesce(x.indrelid, c.oid)) NOT LIKE 'kpi\_rollup%'
          AND (l.mode = 'AccessExclusiveLock' OR (NOT l.granted AND a.query_start < clock_timestamp() - @wait))
        ORDER BY l.granted DESC, a.query_start
        LIMIT 1
        """;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var blocking = await db.Database.CreateExecutionStrategy()
                .ExecuteAsync(FindBlockingLockAsync, cancellationToken);
            return blocking is null ? HealthCheckResult.Healthy()
                : HealthCheckResult.Degraded("Reads wait on a lock: " + blocking);
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", e);
        }
    }

    private async Task<string?> FindBlockingLockAsync(CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(BlockingLocks, connection);
            command.Parameters.AddWithValue("wait", options.Value.HealthLockWait);
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
