using System.Security.Cryptography;
using System.Text;
using CsKpi.Core.Data;
using CsKpi.Core.Kpis.Sources;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CsKpi.Core.Kpis.Rollups;

/// <summary>
/// Daily rollups (table <c>kpi_rollups</c>, migration DailyRollups): per record source, local day, team, channel and
/// lower-cased category, the sums of the source's <em>additive</em> measures — counts, and sums of whole numbers
/// (scores, talk/hold/wrap seconds, microseconds). A report over whole days reads those few thousand rows instead of
/// the period's records, and every number stays exact: counts and whole-number sums add up exactly in any order and
/// any grouping. Percentiles cannot be added up: each local day's values are kept sorted instead
/// (<c>kpi_rollup_values</c>, per team), split into bins between fixed edges, each with its count, so the k-th value
/// of any span of days is found in PostgreSQL by summing the bins' counts and sorting only one bin's values
/// (cskpi_rollup_percentiles) — the same double as percentile_cont over the span's records. Anything else reads the
/// raw rows.
/// <para>
/// Kept current by the database: statement triggers on tickets, interactions and survey responses mark the local
/// days a write touches as dirty (whoever writes: the import, the demo loader, psql); an agent changing team, or a
/// truncate, marks the whole table stale. A refresh rebuilds the dirty days from the raw rows in one transaction
/// (<see cref="RollupRebuild"/>); it runs off the requests (the web app's background service, after
/// <c>cskpi import</c>), in proportion to the days a write touched. A report reads the rollups only when they are
/// current (<see cref="RollupChoice"/>), else the raw rows: so an import is seen at once, and no request waits for a
/// rebuild. This file is their state: whether they are current, and the refresh.
/// </para>
/// </summary>
public static class DailyRollups
{
    /// <summary>
    /// Taken exclusively by a refresh, shared by the marking triggers: a refresh never misses a write in flight.
    /// </summary>
    private const long LockKey = 4359744080;

    /// <summary>
    /// The state row's test that the rollups are built for @zone and the registry's @layout, and not stale.
    /// </summary>
    private const string BuiltFor = "zone = @zone AND layout = @layout AND NOT stale";

    /// <summary>
    /// What the rollups hold: the order of each source's additive measures. A change of the registry rebuilds them.
    /// </summary>
    internal static string LayoutFingerprint { get; } = Convert.ToHexStringLower(SHA256.HashData(
        Encoding.UTF8.GetBytes(string.Join("\n", RecordSources.All.SelectMany(
            s => s.Layout.Concat(s.Series).Select(m => $"{s.Source} {m}"))))))[..16];

    /// <summary>
    /// Brings the rollups up to date for <paramref name="zone"/>: rebuilds the dirty days, or everything when they are
    /// stale, absent, for another zone or another layout. False when a refresh or an import holds them right now (the
    /// caller then reads the raw rows).
    /// </summary>
    public static async Task<bool> RefreshAsync(KpiDbContext db, string zone,
        CancellationToken cancellationToken = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            if (!await RollupSql.ScalarAsync<bool>(connection, "SELECT pg_try_advisory_xact_lock(@key)", ct,
                    ("key", LockKey)))
                return false;
            var current = await RollupSql.ScalarAsync<bool?>(connection,
                $"SELECT {BuiltFor} FROM kpi_rollup_state WHERE id = 1", ct,
                ("zone", zone), ("layout", LayoutFingerprint));
            if (current == true)
            {
                if (!await RollupRebuild.DirtyDaysAsync(db, connection, zone, ct))
                    return true;
            }
            else
            {
                await RollupRebuild.EverythingAsync(db, connection, zone, ct);
                await RollupSql.ExecuteAsync(connection, """
                    INSERT INTO kpi_rollup_state (id, zone, layout, stale) VALUES (1, @zone, @layout, false)
                    ON CONFLICT (id) DO UPDATE SET zone = excluded.zone, layout = excluded.layout, stale = false
                    """, ct, ("zone", zone), ("layout", LayoutFingerprint));
            }
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// True when the rollups are built for <paramref name="zone"/> (dirty days or not): a caller that should not
    /// rebuild them for its own zone — a one-off report in another zone than the dashboard's — reads the raw rows
    /// otherwise.
    /// </summary>
    public static Task<bool> BuiltForAsync(KpiDbContext db, string zone,
        CancellationToken cancellationToken = default) =>
        StateIsAsync(db, zone, BuiltFor, cancellationToken);

    /// <summary>The zone the rollups were built for (current, dirty or stale); null when never built.</summary>
    public static async Task<string?> BuiltZoneAsync(KpiDbContext db, CancellationToken cancellationToken = default) =>
        (await RollupSql.ReadAsync(db, "SELECT zone FROM kpi_rollup_state WHERE id = 1", [],
            reader => reader.GetString(0), cancellationToken)).SingleOrDefault();

    /// <summary>True when the rollups are current for <paramref name="zone"/> (built for it, nothing dirty).</summary>
    public static Task<bool> CurrentAsync(KpiDbContext db, string zone,
        CancellationToken cancellationToken = default) =>
        StateIsAsync(db, zone, $"{BuiltFor} AND NOT EXISTS (SELECT 1 FROM kpi_rollup_dirty)", cancellationToken);

    /// <summary>
    /// A span of whole local days (midnight bounds that exist once in the zone): what the rollups can answer.
    /// </summary>
    internal static bool AreWholeDays(ReportPeriod span) =>
        span.From.TimeOfDay == TimeSpan.Zero && span.To.TimeOfDay == TimeSpan.Zero
        && !span.TimeZone.IsInvalidTime(span.From) && !span.TimeZone.IsInvalidTime(span.To)
        && !span.TimeZone.IsAmbiguousTime(span.From) && !span.TimeZone.IsAmbiguousTime(span.To);

    private static async Task<bool> StateIsAsync(KpiDbContext db, string zone, string condition,
        CancellationToken cancellationToken) =>
        (await RollupSql.ReadAsync(db, $"SELECT {condition} FROM kpi_rollup_state WHERE id = 1",
            [new("zone", zone), new("layout", LayoutFingerprint)], reader => reader.GetBoolean(0),
            cancellationToken)).SingleOrDefault();
}
