using System.Globalization;
using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CsKpi.Core.Kpis;

/// <summary>
/// Daily rollups (table <c>kpi_rollups</c>, migration DailyRollups): per record source, local day, team, channel and
/// lower-cased category, the sums of the source's <em>additive</em> measures — counts, and sums of whole numbers
/// (scores, talk/hold/wrap seconds). A report over whole days reads those few thousand rows instead of the period's
/// records; everything else (percentiles, sums of fractional seconds) still comes from the raw rows, so every number
/// stays exact: counts and whole-number sums add up exactly (below 2^53) in any order and any grouping.
/// <para>
/// Kept current by the database: statement triggers on tickets, interactions and survey responses mark the local days
/// a write touches as dirty (whoever writes: the import, the demo loader, psql); an agent changing team, or a truncate,
/// marks the whole table stale. A report refreshes first — rebuilding the dirty days from the raw rows in one
/// transaction — and reads the rollups only when they are current, else the raw rows. So an import is seen at once,
/// and its cost lands on the first report after it, in proportion to the days it touched.
/// </para>
/// </summary>
public static class DailyRollups
{
    /// <summary>
    /// A full build reads every record (minutes at 10M tickets on two cores): longer than a query's usual 30 s. The
    /// cancellation token still ends it.
    /// </summary>
    private const int RebuildTimeoutSeconds = 3600;

    /// <summary>Taken exclusively by a refresh, shared by the marking triggers: a refresh never misses a write in flight.</summary>
    private const long LockKey = 4359744080;

    /// <summary>
    /// A measure is additive when it is built from counts and sums of whole numbers (+ and − of them): the sum over
    /// cells of the measure over each cell is then exactly the measure over their records.
    /// </summary>
    public static bool IsAdditive(LambdaExpression measure) => Additive(Strip(measure.Body), measure.Parameters[0]);

    private static bool Additive(Expression body, ParameterExpression records) => body switch
    {
        BinaryExpression { NodeType: ExpressionType.Add or ExpressionType.Subtract } b => Additive(Strip(b.Left), records) && Additive(Strip(b.Right), records),
        MethodCallExpression { Method.Name: nameof(Enumerable.Count) or nameof(Enumerable.LongCount) } call => call.Method.DeclaringType == typeof(Enumerable) && IsRecords(call.Arguments[0], records),
        MethodCallExpression { Method.Name: nameof(Enumerable.Sum), Arguments: [var source, LambdaExpression selector] } call =>
            call.Method.DeclaringType == typeof(Enumerable) && IsRecords(source, records) && IsWholeNumber(selector.Body),
        _ => false,
    };

    /// <summary>The group itself, or a Where over it.</summary>
    private static bool IsRecords(Expression expression, ParameterExpression records) =>
        expression == records || expression is MethodCallExpression { Method.Name: nameof(Enumerable.Where), Arguments: [var inner, _] } && IsRecords(inner, records);

    /// <summary>A selector of a whole number, or one made a double (<c>(double)s.Score</c>) — not a fraction such as TotalSeconds.</summary>
    private static bool IsWholeNumber(Expression selector)
    {
        var whole = Strip(selector);
        var type = Nullable.GetUnderlyingType(whole.Type) ?? whole.Type;
        return type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte);
    }

    /// <summary>
    /// A percentile (<see cref="KpiSql.PercentileCont"/>): not additive, but a function of the day's values alone,
    /// whatever their order — so a day's percentile, company-wide, is kept per day and equals the raw rows' bit for bit.
    /// </summary>
    public static bool IsPercentile(LambdaExpression measure) => new PercentileFinder().Finds(measure.Body);

    private sealed class PercentileFinder : ExpressionVisitor
    {
        private bool _found;

        public bool Finds(Expression expression)
        {
            Visit(expression);
            return _found;
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            _found |= node.Method.DeclaringType == typeof(KpiSql) && node.Method.Name == nameof(KpiSql.PercentileCont);
            return base.VisitMethodCall(node);
        }
    }

    private static Expression Strip(Expression expression) =>
        expression is UnaryExpression { NodeType: ExpressionType.Convert } convert ? Strip(convert.Operand) : expression;

    /// <summary>What the rollups hold: the order of each source's additive measures. A change of the registry rebuilds them.</summary>
    internal static string LayoutFingerprint { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n",
        KpiReports.RollupSources.SelectMany(s => s.Layout.Concat(s.DayLayout).Select(m => $"{s.Source} {m}"))))))[..16];

    /// <summary>
    /// Brings the rollups up to date for <paramref name="zone"/>: rebuilds the dirty days, or everything when they are
    /// stale, absent, for another zone or another layout. False when a refresh or an import holds them right now (the
    /// caller then reads the raw rows).
    /// </summary>
    public static async Task<bool> RefreshAsync(KpiDbContext db, string zone, CancellationToken cancellationToken = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            if (!await ScalarAsync<bool>(connection, "SELECT pg_try_advisory_xact_lock(@key)", ct, ("key", LockKey)))
                return false;
            var current = await ScalarAsync<bool?>(connection,
                "SELECT zone = @zone AND layout = @layout AND NOT stale FROM kpi_rollup_state WHERE id = 1", ct, ("zone", zone), ("layout", LayoutFingerprint));
            if (current == true)
            {
                var days = new List<DateTime>();
                await using (var dirty = new NpgsqlCommand("DELETE FROM kpi_rollup_dirty RETURNING day", connection))
                await using (var reader = await dirty.ExecuteReaderAsync(ct))
                {
                    while (await reader.ReadAsync(ct))
                        days.Add(reader.GetDateTime(0));
                }
                if (days.Count == 0)
                    return true;
                var dates = days.Select(DateOnly.FromDateTime).ToArray();
                await ExecuteAsync(connection, "DELETE FROM kpi_rollups WHERE day = ANY(@days)", ct, ("days", dates));
                await ExecuteAsync(connection, "DELETE FROM kpi_rollup_days WHERE day = ANY(@days)", ct, ("days", dates));
                await InsertAsync(db, zone, days, ct);
            }
            else
            {
                await ExecuteAsync(connection, "TRUNCATE kpi_rollups, kpi_rollup_days, kpi_rollup_dirty", ct);
                await InsertAsync(db, zone, null, ct);
                await ExecuteAsync(connection, """
                    INSERT INTO kpi_rollup_state (id, zone, layout, stale) VALUES (1, @zone, @layout, false)
                    ON CONFLICT (id) DO UPDATE SET zone = excluded.zone, layout = excluded.layout, stale = false
                    """, ct, ("zone", zone), ("layout", LayoutFingerprint));
            }
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
    }

    /// <summary>A span of whole local days (midnight bounds that exist once in the zone): what the rollups can answer.</summary>
    internal static bool AreWholeDays(ReportPeriod span) =>
        span.From.TimeOfDay == TimeSpan.Zero && span.To.TimeOfDay == TimeSpan.Zero
        && !span.TimeZone.IsInvalidTime(span.From) && !span.TimeZone.IsInvalidTime(span.To)
        && !span.TimeZone.IsAmbiguousTime(span.From) && !span.TimeZone.IsAmbiguousTime(span.To);

    /// <summary>True when the rollups are current for <paramref name="zone"/> (built for it, nothing dirty).</summary>
    public static async Task<bool> CurrentAsync(KpiDbContext db, string zone, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await ScalarAsync<bool?>((NpgsqlConnection)db.Database.GetDbConnection(), """
                SELECT zone = @zone AND layout = @layout AND NOT stale AND NOT EXISTS (SELECT 1 FROM kpi_rollup_dirty)
                FROM kpi_rollup_state WHERE id = 1
                """, cancellationToken, ("zone", zone), ("layout", LayoutFingerprint)) == true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The rollup rows of every source, for the given local days (all when null), written in SQL: nothing leaves PostgreSQL.</summary>
    private static async Task InsertAsync(KpiDbContext db, string zone, IReadOnlyList<DateTime>? days, CancellationToken cancellationToken)
    {
        foreach (var source in KpiReports.RollupSources)
        {
            await using var command = source.Cells(db, zone, days);
            command.CommandTimeout = RebuildTimeoutSeconds;
            command.CommandText = $"""
                INSERT INTO kpi_rollups (source, day, team_id, channel, category, measures)
                SELECT {(int)source.Source}, q.day::date, q.team_id, q.channel, q.category, q.measures
                FROM ({command.CommandText}) AS q(day, team_id, channel, category, measures)
                """;
            await command.ExecuteNonQueryAsync(cancellationToken);
            if (source.DayLayout.Count == 0)
                continue;
            await using var perDay = source.Days(db, zone, days);
            perDay.CommandTimeout = RebuildTimeoutSeconds;
            perDay.CommandText = $"""
                INSERT INTO kpi_rollup_days (source, day, measures)
                SELECT {(int)source.Source}, q.day::date, q.measures FROM ({perDay.CommandText}) AS q(day, measures)
                """;
            await perDay.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The company-wide day values (percentiles) at <paramref name="layoutIndexes"/> of one source over the local days [from, to), by day.</summary>
    internal static async Task<List<(object? Key, double?[] Values)>> DayValuesAsync(KpiDbContext db, KpiSource source, DateOnly from, DateOnly to,
        IReadOnlyList<int> layoutIndexes, CancellationToken cancellationToken)
    {
        var values = string.Join(", ", layoutIndexes.Select(i => $"measures[{(i + 1).ToString(CultureInfo.InvariantCulture)}]"));
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand($"""
                SELECT day::timestamp, ARRAY[{values}]::double precision[] FROM kpi_rollup_days
                WHERE source = @source AND day >= @from AND day < @to
                """, (NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.AddWithValue("source", (short)source);
            command.Parameters.AddWithValue("from", from);
            command.Parameters.AddWithValue("to", to);
            var rows = new List<(object? Key, double?[] Values)>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                rows.Add((reader.GetDateTime(0), reader.GetFieldValue<double?[]>(1)));
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>How the rows of a rollup read are grouped: one total, trend buckets, or a dimension.</summary>
    internal enum Key
    {
        Total,
        Day,
        Week,
        Month,
        Team,
        Channel,
        Category,
    }

    /// <summary>
    /// The summed rollup measures at <paramref name="layoutIndexes"/> of one source over the local days [from, to),
    /// filtered by team, channel and category (not agent: the rollups have no agent), grouped by <paramref name="key"/>.
    /// </summary>
    internal static async Task<List<(object? Key, double?[] Values)>> MeasureAsync(KpiDbContext db, KpiSource source, KpiFilters filters,
        DateOnly from, DateOnly to, Key key, IReadOnlyList<int> layoutIndexes, CancellationToken cancellationToken)
    {
        var keySql = key switch
        {
            Key.Total => "true",
            Key.Day or Key.Week or Key.Month => $"date_trunc('{key.ToString().ToLowerInvariant()}', r.day::timestamp)",
            Key.Team => "t.name",
            Key.Channel => "r.channel",
            Key.Category => "r.category",
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
        };
        // Every rollup measure is a whole number: summed as bigint (into numeric), the total is exact however large.
        var sums = string.Join(", ", layoutIndexes.Select(i => $"sum(r.measures[{(i + 1).ToString(CultureInfo.InvariantCulture)}]::bigint)"));
        var sql = new StringBuilder($"""
            SELECT {keySql}, ARRAY[{sums}]::double precision[]
            FROM kpi_rollups r LEFT JOIN teams t ON t.id = r.team_id
            WHERE r.source = @source AND r.day >= @from AND r.day < @to
            """);
        var parameters = new List<(string, object)> { ("source", (short)source), ("from", from), ("to", to) };
        if (filters.Team is { } team)
        {
            sql.Append(" AND t.name = @team");
            parameters.Add(("team", team));
        }
        if (filters.Channel is { } channel)
        {
            sql.Append(" AND r.channel = @channel");
            parameters.Add(("channel", channel.Code()));
        }
        if (filters.Category?.ToLowerInvariant() is { } category)
        {
            sql.Append(" AND r.category = @category");
            parameters.Add(("category", category));
        }
        sql.Append(" GROUP BY 1");

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(sql.ToString(), (NpgsqlConnection)db.Database.GetDbConnection());
            foreach (var (name, value) in parameters)
                command.Parameters.AddWithValue(name, value);
            var rows = new List<(object? Key, double?[] Values)>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var values = reader.GetFieldValue<double?[]>(1);
                rows.Add((reader.IsDBNull(0) ? null : reader.GetValue(0), values));
            }
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is null or DBNull ? default! : (T)result;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
