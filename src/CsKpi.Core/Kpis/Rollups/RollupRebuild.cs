using CsKpi.Core.Data;
using CsKpi.Core.Kpis.Sources;
using Npgsql;

namespace CsKpi.Core.Kpis.Rollups;

/// <summary>
/// Rebuilds rollup rows from the raw rows, inside the refresh's transaction (<see cref="DailyRollups.RefreshAsync"/>):
/// the dirty days, or everything. Written in SQL: nothing leaves PostgreSQL.
/// </summary>
internal static class RollupRebuild
{
    /// <summary>
    /// A full build reads every record (minutes at 10M tickets on two cores): longer than a query's usual 30 s. The
    /// cancellation token still ends it.
    /// </summary>
    private const int RebuildTimeoutSeconds = 3600;

    /// <summary>Rebuilds the days marked dirty; false when none were.</summary>
    public static async Task<bool> DirtyDaysAsync(KpiDbContext db, NpgsqlConnection connection, string zone,
        CancellationToken cancellationToken)
    {
        var days = new List<DateTime>();
        await using (var dirty = new NpgsqlCommand("DELETE FROM kpi_rollup_dirty RETURNING day", connection))
        await using (var reader = await dirty.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                days.Add(reader.GetDateTime(0));
        }
        if (days.Count == 0)
            return false;
        var dates = days.Select(DateOnly.FromDateTime).ToArray();
        await RollupSql.ExecuteAsync(connection, "DELETE FROM kpi_rollups WHERE day = ANY(@days)",
            cancellationToken, ("days", dates));
        await RollupSql.ExecuteAsync(connection, "DELETE FROM kpi_rollup_values WHERE day = ANY(@days)",
            cancellationToken, ("days", dates));
        await RollupSql.ExecuteAsync(connection, "DELETE FROM kpi_rollup_drivers WHERE day = ANY(@days)",
            cancellationToken, ("days", dates));
        await InsertAsync(db, zone, days, cancellationToken);
        return true;
    }

    /// <summary>Rebuilds every day (the caller then records the zone and layout they are built for).</summary>
    public static async Task EverythingAsync(KpiDbContext db, NpgsqlConnection connection, string zone,
        CancellationToken cancellationToken)
    {
        // DELETE, not TRUNCATE: a rebuild takes minutes at 10M tickets, and TRUNCATE's exclusive lock would
        // stop every report at its "are the rollups current?" question (it reads kpi_rollup_dirty) until then.
        await RollupSql.ExecuteAsync(connection, """
            DELETE FROM kpi_rollups; DELETE FROM kpi_rollup_values; DELETE FROM kpi_rollup_drivers;
            DELETE FROM kpi_rollup_dirty
            """, cancellationToken);
        await InsertAsync(db, zone, null, cancellationToken);
        // Fresh statistics, or the planner guesses one row a table and reads a span's bins the slow way.
        await RollupSql.ExecuteAsync(connection, "ANALYZE kpi_rollups, kpi_rollup_values, kpi_rollup_drivers",
            cancellationToken);
    }

    /// <summary>The rollup rows of every source for the given local days (all when null).</summary>
    private static async Task InsertAsync(KpiDbContext db, string zone, IReadOnlyList<DateTime>? days,
        CancellationToken cancellationToken)
    {
        foreach (var source in RecordSources.All)
        {
            await using var command = source.Cells(db, zone, days);
            command.CommandTimeout = RebuildTimeoutSeconds;
            command.CommandText = $"""
                INSERT INTO kpi_rollups (source, day, team_id, channel, category, measures)
                SELECT {(int)source.Source}, q.day::date, q.team_id, q.channel, q.category, q.measures
                FROM ({command.CommandText}) AS q(day, team_id, channel, category, measures)
                """;
            await command.ExecuteNonQueryAsync(cancellationToken);
            for (var series = 0; series < source.Series.Count; series++)
            {
                await using var values = source.Values(db, zone, days, series);
                values.CommandTimeout = RebuildTimeoutSeconds;
                // Each day's sorted values split into the bins between the fixed edges (cskpi_rank_edges), order
                // kept.
                values.CommandText = $"""
                    INSERT INTO kpi_rollup_values (source, series, bin, day, team_id, n, sorted)
                    SELECT {(int)source.Source}, {series}, b.bin, q.day::date, q.team_id, b.n, b.sorted
                    FROM ({values.CommandText}) AS q(day, team_id, sorted),
                        LATERAL (SELECT width_bucket(u.x, cskpi_rank_edges())::smallint AS bin,
                                        count(*)::integer AS n, array_agg(u.x ORDER BY u.o) AS sorted
                                 FROM unnest(q.sorted) WITH ORDINALITY AS u(x, o) GROUP BY 1) AS b
                    """;
                await values.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await using var drivers = RatedResponses.Cells(db, zone, days);
        drivers.CommandTimeout = RebuildTimeoutSeconds;
        drivers.CommandText = $"""
            INSERT INTO kpi_rollup_drivers
                (day, team_id, channel, category, dimension, n, sum_x, sum_y, sum_xy, sum_xx, sum_yy)
            SELECT q.day::date, q.team_id, q.channel, q.category, q.dimension,
                   q.n, q.sum_x, q.sum_y, q.sum_xy, q.sum_xx, q.sum_yy
            FROM ({drivers.CommandText})
                AS q(day, team_id, channel, category, dimension, n, sum_x, sum_y, sum_xy, sum_xx, sum_yy)
            """;
        await drivers.ExecuteNonQueryAsync(cancellationToken);
    }
}
