using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace CsKpi.Core.Data;

/// <summary>Where the database is and how every part of CsKpi talks to it.</summary>
public static class Database
{
    public const string ConnectionVariable = "CSKPI_CONNECTION";

    /// <summary>
    /// cli.md: an explicit connection string, else CSKPI_CONNECTION, else null — meaning the local PostgreSQL
    /// of <see cref="LocalPostgres.Development"/>.
    /// </summary>
    public static string? ConfiguredConnectionString(string? explicitConnection,
        Func<string, string?>? environment = null) =>
        !string.IsNullOrWhiteSpace(explicitConnection) ? explicitConnection
        : (environment ?? Environment.GetEnvironmentVariable)(ConnectionVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
        : null;

    /// <summary>
    /// The one place that configures EF Core for PostgreSQL: snake_case names, retries on transient failures.
    /// </summary>
    public static TBuilder UseCsKpiPostgres<TBuilder>(this TBuilder options, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        options
            .UseNpgsql(connectionString, npgsql => npgsql
                .ExecutionStrategy(dependencies => new RetryingStrategy(dependencies))
                .MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
        return options;
    }

    public static KpiDbContext CreateContext(string connectionString) =>
        new(new DbContextOptionsBuilder<KpiDbContext>().UseCsKpiPostgres(connectionString).Options);

    /// <summary>Applies pending migrations; safe to call on every start.</summary>
    public static async Task MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext(connectionString);
        await db.ApplyMigrationsAsync(cancellationToken);
        // Migrations may create types; make open pools see them.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>
    /// Applies pending migrations. EF Core probes a new database's history table with a query that fails and logs
    /// that as an error (dotnet/efcore#37328) — alarming for a newcomer and expected here — so the migrating context
    /// logs failed commands at Debug; a migration that really fails still throws.
    /// </summary>
    public static async Task ApplyMigrationsAsync(this KpiDbContext db, CancellationToken cancellationToken = default)
    {
        var options = new DbContextOptionsBuilder<KpiDbContext>()
            // A migration may rebuild a table: no time limit.
            .UseCsKpiPostgres(SessionLimits.Unbounded.Apply(db.Database.GetConnectionString()!))
            .UseLoggerFactory(db.GetService<ILoggerFactory>())
            .ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug)))
            .Options;
        await using var migrator = new KpiDbContext(options);
        await migrator.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>True when the database holds no tickets, surveys, agents or customers yet.</summary>
    public static async Task<bool> IsEmptyAsync(KpiDbContext db, CancellationToken cancellationToken = default) =>
        !await db.Tickets.AnyAsync(cancellationToken)
        && !await db.SurveyResponses.AnyAsync(cancellationToken)
        && !await db.Agents.AnyAsync(cancellationToken)
        && !await db.Customers.AnyAsync(cancellationToken);
}

/// <summary>For <c>dotnet ef migrations add</c>: builds the model without connecting.</summary>
internal sealed class DesignTimeKpiDbContextFactory : IDesignTimeDbContextFactory<KpiDbContext>
{
    public KpiDbContext CreateDbContext(string[] args) =>
        Database.CreateContext(Database.ConfiguredConnectionString(null)
            ?? LocalPostgres.Development().ConnectionString());
}

/// <summary>
/// Npgsql's retries on transient failures (a restarted server, a dropped connection), but not on a lock or statement
/// timeout: Npgsql counts lock_not_available as transient, and retrying it would make a reader blocked by a lock wait
/// its lock timeout seven times over instead of failing once.
/// </summary>
internal sealed class RetryingStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount: 6, maxRetryDelay: TimeSpan.FromSeconds(5),
        errorCodesToAdd: null)
{
    protected override bool ShouldRetryOn(Exception? exception) =>
        exception is not PostgresException
        {
            SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.ObjectInUse,
        }
        && base.ShouldRetryOn(exception);
}
