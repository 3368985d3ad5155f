using System.Data.Common;
using System.Linq.Expressions;
using CsKpi.Core.Data;

namespace CsKpi.Core.Kpis.Sources;

/// <summary>
/// A kind of record, the KPIs placed by it, and the measures those KPIs need (deduplicated): how to measure them
/// over the raw rows, and the queries of the cells the daily rollups keep of them.
/// </summary>
internal abstract class RecordSource
{
    public abstract KpiSource Source { get; }
    public abstract IReadOnlyList<Kpi> Kpis { get; }
    public abstract List<LambdaExpression> Measures { get; }

    /// <summary>Measures of other numbers over this source's records that the rollups hold too.</summary>
    public abstract IReadOnlyList<LambdaExpression> Extra { get; }

    /// <summary>
    /// The measures the daily rollups hold for this source, in the order of their array: the additive ones.
    /// </summary>
    public List<LambdaExpression> Layout => _layout ??= Measures.Concat(Extra).Where(MeasureKinds.IsAdditive).ToList();
    private List<LambdaExpression>? _layout;

    /// <summary>
    /// The values this source's percentiles are taken of (first response, resolution time): each kept sorted per day
    /// and team.
    /// </summary>
    public List<LambdaExpression> Series => _series ??= Measures.Select(MeasureKinds.AsPercentile)
        .OfType<(LambdaExpression Values, double Fraction)>()
        .Select(p => p.Values).DistinctBy(v => v.ToString()).ToList();
    private List<LambdaExpression>? _series;

    /// <summary>
    /// A percentile measure as the index of its <see cref="Series"/> and its fraction; null for other measures.
    /// </summary>
    public (int Series, double Fraction)? PercentileOf(LambdaExpression measure) =>
        MeasureKinds.AsPercentile(measure) is var (values, fraction)
        && Series.FindIndex(v => v.ToString() == values.ToString()) is var series and >= 0
            ? (series, fraction)
            : null;

    /// <summary>
    /// The query of one series' sorted values by local day and team for the given days (all when null).
    /// </summary>
    public abstract DbCommand Values(KpiDbContext db, string zone, IReadOnlyList<DateTime>? days, int series);

    /// <summary>
    /// The query of this source's rollup cells — local day, team, channel, lower-cased category, and the layout's
    /// measures — for the given local days (all when null), as a command on the context's connection.
    /// </summary>
    public abstract DbCommand Cells(KpiDbContext db, string zone, IReadOnlyList<DateTime>? days);

    /// <summary>The measures of the records placed in [from, to) by the source's timestamp, filtered, grouped by
    /// <paramref name="key"/> of that timestamp.</summary>
    public abstract Task<List<MeasureRow<TKey>>> MeasureAsync<TKey>(KpiDbContext db, KpiFilters filters,
        DateTime fromUtc, DateTime toUtc, Expression<Func<DateTime, TKey>> key, List<LambdaExpression> measures,
        CancellationToken cancellationToken);

    /// <summary>The same, grouped by a dimension (team, agent, channel or category).</summary>
    public abstract Task<List<MeasureRow<string?>>> MeasureByDimensionAsync(KpiDbContext db, KpiFilters filters,
        DateTime fromUtc, DateTime toUtc, Grouping grouping, List<LambdaExpression> measures,
        CancellationToken cancellationToken);
}
