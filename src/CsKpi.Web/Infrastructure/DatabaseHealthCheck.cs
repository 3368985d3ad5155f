using CsKpi.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CsKpi.Web.Infrastructure;

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

    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
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
