using System.Linq.Expressions;
using CsKpi.Core.Data;
using CsKpi.Core.Kpis.Rollups;
using CsKpi.Core.Kpis.Sources;

namespace CsKpi.Core.Kpis.Reports;

/// <summary>
/// The measures of one record source over a span, grouped, from the daily rollups where they answer and from the raw
/// rows for the rest, merged into rows of every measure in the order asked.
/// </summary>
internal sealed class SourceMeasures(KpiDbContext db, RollupChoice rollups)
{
    public KpiDbContext Db => db;

    /// <summary>Which rows the reads took, for a timing log.</summary>
    public string Path => rollups.Path;

    /// <summary>
    /// When the daily rollups can answer (current, whole days, no agent filter): the additive measures from them and,
    /// company-wide or for a team, the percentiles of the period or of each trend bucket from the days' sorted values;
    /// the others — or all, when the rollups cannot answer — from the raw rows (<paramref name="raw"/>, given the
    /// measures to read).
    /// </summary>
    public async Task<List<MeasureRow<TKey>>> MeasureAsync<TKey>(RecordSource source, KpiFilters filters,
        ReportPeriod span, RollupKey key, Func<object?, TKey> keyOf, List<LambdaExpression> measures,
        Func<List<LambdaExpression>, Task<List<MeasureRow<TKey>>>> raw, CancellationToken cancellationToken)
    {
        // A sum of fractions rounds by the order it is summed in, which depends on the query's plan: a source that
        // needs one reads every measure from the raw rows in one query. Counts, whole-number sums and percentiles
        // are order-free.
        if (measures.Any(m => !MeasureKinds.IsAdditive(m) && MeasureKinds.AsPercentile(m) is null)
            || !await rollups.AnswersAsync(span, filters, cancellationToken))
            return await raw(measures);
        var rolled = measures.Where(m => RecordSources.IndexOf(source.Layout, m) >= 0).ToList();
        var sums = rolled.Count > 0
            ? await RollupReads.MeasureAsync(db, source.Source, filters, span.FromDate, span.ToDate, key,
                rolled.Select(m => RecordSources.IndexOf(source.Layout, m)).ToList(), cancellationToken)
            : [];
        // Percentiles of the period or of trend buckets, company-wide or of a team, from each day's sorted values.
        var spans = filters is { Channel: null, Category: null } ? Spans(span, key) : null;
        var ranked = spans is null
            ? []
            : measures.Select(m => (Measure: m, Percentile: source.PercentileOf(m)))
                .Where(p => p.Percentile is not null).ToList();
        var percentiles = ranked.Count > 0
            ? await RollupPercentiles.ReadAsync(db, source.Source, filters.Team, spans!,
                ranked.Select(p => p.Percentile!.Value).ToList(), cancellationToken)
            : [];
        var rest = measures.Except(rolled).Except(ranked.Select(p => p.Measure)).ToList();

        var rows = new List<MeasureRow<TKey>>();
        MeasureRow<TKey> RowOf(TKey rowKey)
        {
            var row = rows.Find(r => EqualityComparer<TKey>.Default.Equals(r.Key, rowKey));
            if (row is null)
                rows.Add(row = new MeasureRow<TKey> { Key = rowKey, Values = new double?[measures.Count] });
            return row;
        }
        foreach (var (sumKey, values) in sums)
        {
            var row = RowOf(keyOf(sumKey));
            for (var i = 0; i < rolled.Count; i++)
                row.Values[measures.IndexOf(rolled[i])] = values[i];
        }
        foreach (var (spanKey, values) in percentiles)
        {
            // A span without records has no row from the sums either: it stays absent, as from the raw rows.
            if (values.All(v => v is null) && !sums.Any(r => Equals(r.Key, spanKey)))
                continue;
            var row = RowOf(keyOf(spanKey));
            for (var i = 0; i < ranked.Count; i++)
                row.Values[measures.IndexOf(ranked[i].Measure)] = values[i];
        }
        if (rest.Count > 0)
        {
            foreach (var rawRow in await raw(rest))
            {
                var row = RowOf(rawRow.Key);
                for (var i = 0; i < rest.Count; i++)
                    row.Values[measures.IndexOf(rest[i])] = rawRow.Values[i];
            }
        }
        return rows;
    }

    /// <summary>
    /// The measures of one source over the whole span, as one row keyed <paramref name="key"/> (null when the span
    /// has no records); the raw rows are read up to <paramref name="toUtc"/>.
    /// </summary>
    public async Task<MeasureRow<bool>?> TotalAsync(RecordSource source, KpiFilters filters, ReportPeriod span,
        DateTime toUtc, bool key, List<LambdaExpression> measures, CancellationToken cancellationToken)
    {
        // The key as a constant of the query (GROUP BY true), not a parameter.
        Expression<Func<DateTime, bool>> constant = key ? ts => true : ts => false;
        var rows = await MeasureAsync(source, filters, span, RollupKey.Total, _ => key, measures,
            m => source.MeasureAsync(db, filters, span.FromUtc, toUtc, constant, m, cancellationToken),
            cancellationToken);
        return rows.FirstOrDefault();
    }

    /// <summary>
    /// The whole-day spans a rollup read groups into, keyed as it keys them; null for a grouping by dimension.
    /// </summary>
    private static List<(object? Key, DateOnly From, DateOnly To)>? Spans(ReportPeriod span, RollupKey key)
    {
        if (key == RollupKey.Total)
            return [(true, span.FromDate, span.ToDate)];
        if (!Enum.TryParse<TimeBucket>(key.ToString(), out var bucket))
            return null;
        return span.BucketStarts(bucket)
            .Select(s => ((object?)s, DateOnly.FromDateTime(s < span.From ? span.From : s),
                DateOnly.FromDateTime(Min(ReportPeriod.Next(s, bucket), span.To))))
            .ToList();
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
