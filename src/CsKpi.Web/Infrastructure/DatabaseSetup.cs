using CsKpi.Core.Accounts;
using CsKpi.Core.Data;
using CsKpi.Core.Demo;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CsKpi.Web.Infrastructure;

internal static class DatabaseSetup
{
    /// <summary>
    /// ConnectionStrings:CsKpi, else CSKPI_CONNECTION. The app starts no database of its own: scripts/run.sh starts
    /// the local one with <c>cskpi db up</c> and passes its connection string.
    /// </summary>
    public static void AddCsKpiDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = Database.ConfiguredConnectionString(builder.Configuration.GetConnectionString("CsKpi"))
            ?? throw new InvalidOperationException(
                "No database: set ConnectionStrings__CsKpi or CSKPI_CONNECTION, or start the app with scripts/run.sh " +
                "(it starts a local PostgreSQL with `cskpi db up`).");

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
        builder.Services.AddScoped(services =>
            services.GetRequiredService<IDbContextFactory<KpiDbContext>>().CreateDbContext());
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

    public static void MapCsKpiHealthChecks(this WebApplication app) =>
        app.MapHealthChecks("/healthz").AllowAnonymous();

    public static async Task PrepareCsKpiDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
        if (options.MigrateOnStartup)
            await db.ApplyMigrationsAsync();
        if (options.LoadDemoDataWhenEmpty && await Database.IsEmptyAsync(db))
        {
            app.Logger.LogInformation("The database is empty: loading demo data ({Tickets} tickets)",
                options.DemoTickets);
            var unbounded = SessionLimits.Unbounded.Apply(db.Database.GetConnectionString()!);
            var started = System.Diagnostics.Stopwatch.StartNew();
            await DemoData.LoadAsync(unbounded, new DemoOptions(options.DemoTickets), progress: null,
                app.Services.GetService<TimeProvider>());
            app.Logger.LogInformation("Loaded the demo data in {Seconds:0.0} s", started.Elapsed.TotalSeconds);
        }
        // The demo run command: no one can sign in yet (a fresh database, or one from before sign-in existed).
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        if (options.LoadDemoDataWhenEmpty && !await accounts.AnyActiveAdminAsync())
            PrintOnce(await DemoUsers.CreateAsync(accounts));
        else if (options.LoadDemoDataWhenEmpty && await DemoUsers.CreatedAtAsync(db) is { } printedAt)
            app.Logger.LogInformation(
                "Demo sign-ins were printed when the demo data was loaded on {PrintedAt:yyyy-MM-dd HH:mm} UTC; lost " +
                "them? Create a user with: cskpi users add you@example.com --role admin (from the repository: " +
                "dotnet run --project src/CsKpi.Cli -- users add you@example.com --role admin); it prints the " +
                "password.", printedAt);
        // Only when start-up talks to the database anyway: with migrations run elsewhere, the app starts without it.
        if (options.MigrateOnStartup && !await accounts.AnyActiveAdminAsync())
            app.Logger.LogWarning(
                "No admin can sign in yet. Create one with: cskpi users add you@example.com --role admin " +
                "(from the repository: dotnet run --project src/CsKpi.Cli -- users add you@example.com " +
                "--role admin); " +
                "it prints the password.");
    }

    /// <summary>
    /// The demo sign-ins, on the console only (not through the log pipeline, which may be shipped elsewhere): shown
    /// this once, when the demo data is loaded.
    /// </summary>
    private static void PrintOnce(IReadOnlyList<DemoUser> users)
    {
        var lines = new List<string>
        {
            "", "Demo sign-ins (shown once; create more under Admin → Users or with cskpi users add):",
        };
        lines.AddRange(users.Select(u => $"  {u.Role,-8} {u.Email,-28} {u.Password}"));
        lines.Add("");
        Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
        Console.Out.Flush();
    }
}
