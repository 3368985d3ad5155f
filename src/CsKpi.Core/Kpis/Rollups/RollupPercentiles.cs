using System.Globalization;
using CsKpi.Core.Data;
using Npgsql;

namespace CsKpi.Core.Kpis.Rollups;

/// <summary>
/// Exact percentiles over spans of whole days from the days' sorted values (<c>kpi_rollup_values</c>).
/// </summary>
internal static class RollupPercentiles
{
    /// <summary>
    /// Exact percentiles of one source's values, company-wide or of <paramref name="team"/>, for each of
    /// <paramref name="spans"/> (whole local days [From, To)): (series, fraction) per measure, a value per measure per
    /// span (null when the span has none) — the same doubles as percentile_cont over the span's records.
    /// </summary>
    public static Task<List<(object? Key, double?[] Values)>> ReadAsync(KpiDbContext db, KpiSource source,
        string? team, IReadOnlyList<(object? Key, DateOnly From, DateOnly To)> spans,
        IReadOnlyList<(int Series, double Fraction)> percentiles, CancellationToken cancellationToken)
    {
        // One call per series and span (its values ≤ each edge summed once for all its fractions), results
        // concatenated.
        var bySeries = percentiles.Select((p, i) => (p.Series, p.Fraction, Index: i)).GroupBy(p => p.Series).ToList();
        var calls = string.Join(" || ", bySeries.Select((g, i) =>
            $"cskpi_rollup_percentiles(@source, {Text(g.Key)}::smallint, @team, s.from_day, s.to_day, @f{Text(i)})"));
        var order = bySeries.SelectMany(g => g.Select(p => p.Index)).ToList();
        List<NpgsqlParameter> parameters =
        [
            new("source", (short)source),
            new NpgsqlParameter<string?>("team", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = team },
            new("froms", spans.Select(s => s.From).ToArray()), new("tos", spans.Select(s => s.To).ToArray()),
            .. bySeries.Select((g, i) => new NpgsqlParameter($"f{Text(i)}", g.Select(p => p.Fraction).ToArray())),
        ];
        return RollupSql.ReadAsync(db, $"""
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

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
