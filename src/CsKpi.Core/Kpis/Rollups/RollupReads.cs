using System.Globalization;
using System.Text;
using CsKpi.Core.Data;
using CsKpi.Core.Kpis.Sources;
using CsKpi.Core.Model;
using Npgsql;

namespace CsKpi.Core.Kpis.Rollups;

/// <summary>
/// Sums read from the rollups over local days [from, to), filtered by team, channel and category (not agent: the
/// rollups have no agent). Every rollup measure is a whole number, so every sum is exact.
/// </summary>
internal static class RollupReads
{
    /// <summary>
    /// The summed rollup measures at <paramref name="layoutIndexes"/> of one source, grouped by
    /// <paramref name="key"/>.
    /// </summary>
    public static async Task<List<(object? Key, double?[] Values)>> MeasureAsync(KpiDbContext db, KpiSource source,
        KpiFilters filters, DateOnly from, DateOnly to, RollupKey key, IReadOnlyList<int> layoutIndexes,
        CancellationToken cancellationToken)
    {
        var keySql = key switch
        {
            RollupKey.Total => "true",
            RollupKey.Day or RollupKey.Week or RollupKey.Month =>
                $"date_trunc('{key.ToString().ToLowerInvariant()}', r.day::timestamp)",
            RollupKey.Team => "t.name",
            RollupKey.Channel => "r.channel",
            RollupKey.Category => "r.category",
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
        };
        // Every rollup measure is a whole number: summed as bigint (into numeric), the total is exact however large.
        var sums = string.Join(", ", layoutIndexes.Select(i =>
            $"sum(r.measures[{(i + 1).ToString(CultureInfo.InvariantCulture)}]::bigint)"));
        var sql = new StringBuilder($"""
            SELECT {keySql}, ARRAY[{sums}]::double precision[]
            FROM kpi_rollups r LEFT JOIN teams t ON t.id = r.team_id
            WHERE r.source = @source
            """);
        List<NpgsqlParameter> parameters = [new("source", (short)source)];
        Filter(sql, parameters, filters, from, to);
        sql.Append(" GROUP BY 1");
        return await RollupSql.ReadAsync(db, sql.ToString(), parameters,
            reader => (reader.IsDBNull(0) ? null : reader.GetValue(0), reader.GetFieldValue<double?[]>(1)),
            cancellationToken);
    }

    /// <summary>
    /// The key-driver sums per dimension of the csat ratings (<c>kpi_rollup_drivers</c>): whole numbers summed
    /// exactly, the same doubles as from the ratings.
    /// </summary>
    public static Task<List<DriverSums>> DriverSumsAsync(KpiDbContext db, KpiFilters filters, DateOnly from,
        DateOnly to, CancellationToken cancellationToken)
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
        return RollupSql.ReadAsync(db, sql.ToString(), parameters,
            reader => new DriverSums(reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2),
                reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6)),
            cancellationToken);
    }

    /// <summary>
    /// The days and the filters a rollup read keeps (rollup rows as <c>r</c>, their team as <c>t</c>): not agent,
    /// which they do not have.
    /// </summary>
    private static void Filter(StringBuilder sql, List<NpgsqlParameter> parameters, KpiFilters filters,
        DateOnly from, DateOnly to)
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
}
