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
/// (scores, talk/hold/wrap seconds, microseconds). A report over whole days reads those few thousand rows instead of
/// the period's records, and every number stays exact: counts and whole-number sums add up exactly in any order and any
/// grouping. Percentiles cannot be added up: each local day's values are kept sorted instead (<c>kpi_rollup_values</c>,
/// per team), split into bins between fixed edges, each with its count, so the k-th value of any span of days is
/// found in PostgreSQL by summing the bins' counts and sorting only one bin's values (cskpi_rollup_percentiles) —
/// the same double as percentile_cont over the span's records. Anything else reads the raw rows.
/// <para>
/// Kept current by the database: statement triggers on tickets, interactions and survey responses mark the local days
/// a write touches as dirty (whoever writes: the import, the demo loader, psql); an agent changing team, or a truncate,
/// marks the whole table stale. A refresh rebuilds the dirty days from the raw rows in one transaction; it runs off the
/// requests (the web app's background service, after <c>cskpi import</c>), in proportion to the days a write touched.
/// A report reads the rollups only when they are current, else the raw rows: so an import is seen at once, and no
/// request waits for a rebuild.
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
    /// A measure that is a percentile (<see cref="KpiSql.PercentileCont"/>) of some values, as the values (a lambda
    /// over the records) and the fraction; null for any other measure. Not additive, but exact from each day's sorted
    /// values (<c>kpi_rollup_values</c>), which the rollups keep per day and team.
    /// </summary>
    public static (LambdaExpression Values, double Fraction)? AsPercentile(LambdaExpression measure) =>
        Strip(measure.Body) is MethodCallExpression { Method.Name: nameof(KpiSql.PercentileCont), Arguments: [var values, ConstantExpression { Value: double fraction }] } call
        && call.Method.DeclaringType == typeof(KpiSql)
            ? (Expression.Lambda(values, measure.Parameters), fraction)
            : null;

    private static Expression Strip(Expression expression) =>
        expression is UnaryExpression { NodeType: ExpressionType.Convert } convert ? Strip(convert.Operand) : expression;

    /// <summary>What the rollups hold: the order of each source's additive measures. A change of the registry rebuilds them.</summary>
    internal static string LayoutFingerprint { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n",
        KpiReports.RollupSources.SelectMany(s => s.Layout.Concat(s.Series).Select(m => $"{s.Source} {m}"))))))[..16];

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
            var current = await ScalarAsync<bool?>(connection, $"SELECT {BuiltFor} FROM kpi_rollup_state WHERE id = 1", ct, ("zone", zone), ("layout", LayoutFingerprint));
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
                await ExecuteAsync(connection, "DELETE FROM kpi_rollup_values WHERE day = ANY(@days)", ct, ("days", dates));
                await ExecuteAsync(connection, "DELETE FROM kpi_rollup_drivers WHERE day = ANY(@days)", ct, ("days", dates));
                await InsertAsync(db, zone, days, ct);
            }
            else
            {
                // DELETE, not TRUNCATE: a rebuild takes minutes at 10M tickets, and TRUNCATE's exclusive lock would
                // stop every report at its "are the rollups current?" question (it reads kpi_rollup_dirty) until then.
                await ExecuteAsync(connection, """
                    DELETE FROM kpi_rollups; DELETE FROM kpi_rollup_values; DELETE FROM kpi_rollup_drivers;
                    DELETE FROM kpi_rollup_dirty
                    """, ct);
                await InsertAsync(db, zone, null, ct);
                // Fresh statistics, or the planner guesses one row a table and reads a span's bins the slow way.
                await ExecuteAsync(connection, "ANALYZE kpi_rollups, kpi_rollup_values, kpi_rollup_drivers", ct);
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

    /// <summary>The state row's test that the rollups are built for @zone and the registry's @layout, and not stale.</summary>
    private const string BuiltFor = "zone = @zone AND layout = @layout AND NOT stale";

    /// <summary>
    /// True when the rollups are built for <paramref name="zone"/> (dirty days or not): a caller that should not rebuild
    /// them for its own zone — a one-off report in another zone than the dashboard's — reads the raw rows otherwise.
    /// </summary>
    public static Task<bool> BuiltForAsync(KpiDbContext db, string zone, CancellationToken cancellationToken = default) =>
        StateIsAsync(db, zone, BuiltFor, cancellationToken);

    /// <summary>The zone the rollups were built for (current, dirty or stale); null when never built.</summary>
    public static async Task<string?> BuiltZoneAsync(KpiDbContext db, CancellationToken cancellationToken = default) =>
        (await ReadAsync(db, "SELECT zone FROM kpi_rollup_state WHERE id = 1", [], reader => reader.GetString(0),
            cancellationToken)).SingleOrDefault();

    /// <summary>True when the rollups are current for <paramref name="zone"/> (built for it, nothing dirty).</summary>
    public static Task<bool> CurrentAsync(KpiDbContext db, string zone, CancellationToken cancellationToken = default) =>
        StateIsAsync(db, zone, $"{BuiltFor} AND NOT EXISTS (SELECT 1 FROM kpi_rollup_dirty)", cancellationToken);

    private static async Task<bool> StateIsAsync(KpiDbContext db, string zone, string condition, CancellationToken cancellationToken) =>
        (await ReadAsync(db, $"SELECT {condition} FROM kpi_rollup_state WHERE id = 1",
            [new("zone", zone), new("layout", LayoutFingerprint)], reader => reader.GetBoolean(0), cancellationToken)).SingleOrDefault();

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
            for (var series = 0; series < source.Series.Count; series++)
            {
                await using var values = source.Values(db, zone, days, series);
                values.CommandTimeout = RebuildTimeoutSeconds;
                // Each day's sorted values split into the bins between the fixed edges (cskpi_rank_edges), order kept.
                values.CommandText = $"""
                    INSERT INTO kpi_rollup_values (source, series, bin, day, team_id, n, sorted)
                    SELECT {(int)source.Source}, {series}, b.bin, q.day::date, q.team_id, b.n, b.sorted
                    FROM ({values.CommandText}) AS q(day, team_id, sorted),
                        LATERAL (SELECT width_bucket(u.x, cskpi_rank_edges())::smallint AS bin, count(*)::integer AS n, array_agg(u.x ORDER BY u.o) AS sorted
                                 FROM unnest(q.sorted) WITH ORDINALITY AS u(x, o) GROUP BY 1) AS b
                    """;
                await values.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await using var drivers = KeyDrivers.Cells(db, zone, days);
        drivers.CommandTimeout = RebuildTimeoutSeconds;
        drivers.CommandText = $"""
            INSERT INTO kpi_rollup_drivers (day, team_id, channel, category, dimension, n, sum_x, sum_y, sum_xy, sum_xx, sum_yy)
            SELECT q.day::date, q.team_id, q.channel, q.category, q.dimension, q.n, q.sum_x, q.sum_y, q.sum_xy, q.sum_xx, q.sum_yy
            FROM ({drivers.CommandText}) AS q(day, team_id, channel, category, dimension, n, sum_x, sum_y, sum_xy, sum_xx, sum_yy)
            """;
        await drivers.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Exact percentiles of one source's values, company-wide or of <paramref name="team"/>, for each of
    /// <paramref name="spans"/> (whole local days [From, To)), from the days' sorted values: (series, fraction) per
    /// measure, a value per measure per span (null when the span has none) — the same doubles as percentile_cont over
    /// the span's records.
    /// </summary>
    internal static Task<List<(object? Key, double?[] Values)>> PercentilesAsync(KpiDbContext db, KpiSource source, string? team,
        IReadOnlyList<(object? Key, DateOnly From, DateOnly To)> spans, IReadOnlyList<(int Series, double Fraction)> percentiles,
        CancellationToken cancellationToken)
    {
        // One call per series and span (its values ≤ each edge summed once for all its fractions), results concatenated.
        var bySeries = percentiles.Select((p, i) => (p.Series, p.Fraction, Index: i)).GroupBy(p => p.Series).ToList();
        var calls = string.Join(" || ", bySeries.Select((g, i) =>
            $"cskpi_rollup_percentiles(@source, {g.Key.ToString(CultureInfo.InvariantCulture)}::smallint, @team, s.from_day, s.to_day, @f{i.ToString(CultureInfo.InvariantCulture)})"));
        var order = bySeries.SelectMany(g => g.Select(p => p.Index)).ToList();
        List<NpgsqlParameter> parameters =
        [
            new("source", (short)source), new NpgsqlParameter<string?>("team", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = team },
            new("froms", spans.Select(s => s.From).ToArray()), new("tos", spans.Select(s => s.To).ToArray()),
            .. bySeries.Select((g, i) => new NpgsqlParameter($"f{i.ToString(CultureInfo.InvariantCulture)}", g.Select(p => p.Fraction).ToArray())),
        ];
        return ReadAsync(db, $"""
            SELECT s.i, {calls}
            FROM unnest(@froms, @tos) WITH ORDINALITY AS s(from_day, to_day, i)
            """, parameters, reader =>
        {
            var found = reader.GetFieldValue<double?[]>(1);
            var values = new double?[percentiles.Count];
            for (var i = 0; i < order.Count; i++)
                values[order[i]] = found[i];
            return (spans[(int)reader.GetInt64(0) - 1].Key, values);
        }, cancellationToken);
    }

    /// <summary>The local day of a timestamp in <paramref name="zone"/>, as the rollups key it.</summary>
    internal static Expression<Func<T, DateTime>> LocalDay<T>(Expression<Func<T, DateTime>> timestamp, string zone) =>
        timestamp.Then(ts => KpiSql.DateTrunc("day", TimeZoneInfo.ConvertTimeBySystemTimeZoneId(ts, zone)));

    /// <summary>The records of the given local days (<paramref name="day"/> of their <paramref name="timestamp"/>); all when null.</summary>
    internal static IQueryable<T> OnDays<T>(IQueryable<T> records, Expression<Func<T, DateTime>> timestamp, Expression<Func<T, DateTime>> day, IReadOnlyList<DateTime>? days)
    {
        if (days is null)
            return records;
        // A day's records lie within a day of its UTC bounds in any zone: the range lets the index narrow the scan.
        var (fromUtc, toUtc) = (DateTime.SpecifyKind(days.Min().AddDays(-1), DateTimeKind.Utc), DateTime.SpecifyKind(days.Max().AddDays(2), DateTimeKind.Utc));
        var dates = days.Select(DateOnly.FromDateTime).ToList();
        return records.Where(timestamp.Then<T, DateTime, bool>(ts => ts >= fromUtc && ts < toUtc))
            .Where(day.Then<T, DateTime, bool>(d => dates.Contains(DateOnly.FromDateTime(d))));
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
            WHERE r.source = @source
            """);
        List<NpgsqlParameter> parameters = [new("source", (short)source)];
        Filter(sql, parameters, filters, from, to);
        sql.Append(" GROUP BY 1");
        return await ReadAsync(db, sql.ToString(), parameters, reader => (reader.IsDBNull(0) ? null : reader.GetValue(0), reader.GetFieldValue<double?[]>(1)), cancellationToken);
    }

    /// <summary>
    /// The key-driver sums per dimension of the csat ratings over the local days [from, to), filtered by team, channel
    /// and category (<c>kpi_rollup_drivers</c>): whole numbers summed exactly, the same doubles as from the ratings.
    /// </summary>
    internal static Task<List<DriverSums>> DriverSumsAsync(KpiDbContext db, KpiFilters filters, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("""
            SELECT r.dimension, sum(r.n)::bigint, sum(r.sum_x)::double precision, sum(r.sum_y)::double precision,
                   sum(r.sum_xy)::double precision, sum(r.sum_xx)::double precision, sum(r.sum_yy)::double precision
            FROM kpi_rollup_drivers r LEFT JOIN teams t ON t.id = r.team_id
            WHERE true
            """);
        List<NpgsqlParameter> parameters = [];
        Filter(sql, parameters, filters, from, to);
        sql.Append(" GROUP BY r.dimension");
        return ReadAsync(db, sql.ToString(), parameters,
            reader => new DriverSums(reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6)),
            cancellationToken);
    }

    /// <summary>The days and the filters a rollup read keeps (rollup rows as <c>r</c>, their team as <c>t</c>): not agent, which they do not have.</summary>
    private static void Filter(StringBuilder sql, List<NpgsqlParameter> parameters, KpiFilters filters, DateOnly from, DateOnly to)
    {
        sql.Append(" AND r.day >= @from AND r.day < @to");
        parameters.Add(new("from", from));
        parameters.Add(new("to", to));
        if (filters.Team is { } team)
        {
            sql.Append(" AND t.name = @team");
            parameters.Add(new("team", team));
        }
        if (filters.Channel is { } channel)
        {
            sql.Append(" AND r.channel = @channel");
            parameters.Add(new("channel", channel.Code()));
        }
        if (filters.Category?.ToLowerInvariant() is { } category)
        {
            sql.Append(" AND r.category = @category");
            parameters.Add(new("category", category));
        }
    }

    /// <summary>The rows of one query on the context's connection, each read by <paramref name="row"/>.</summary>
    private static async Task<List<T>> ReadAsync<T>(KpiDbContext db, string sql, IEnumerable<NpgsqlParameter> parameters, Func<NpgsqlDataReader, T> row,
        CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.AddRange(parameters.ToArray());
            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                rows.Add(row(reader));
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
