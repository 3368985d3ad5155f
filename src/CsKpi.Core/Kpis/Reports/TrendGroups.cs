using CsKpi.Core.Data;
using CsKpi.Core.Kpis.Rollups;
using CsKpi.Core.Kpis.Sources;

namespace CsKpi.Core.Kpis.Reports;

/// <summary>The groups of a trend: the KPIs of each day, week or month of the period.</summary>
internal static class TrendGroups
{
    /// <param name="customers">The customer KPIs of each bucket when the caller measured them already.</param>
    public static async Task<IReadOnlyList<KpiGroup>> MeasureAsync(SourceMeasures measured, KpiRequest request,
        TimeBucket bucket, IReadOnlyList<Kpi> selected, IReadOnlyList<Dictionary<string, KpiValue>>? customers,
        CancellationToken cancellationToken)
    {
        var period = request.Period;
        var tz = period.TimeZone.Id;
        var unit = bucket.ToString().ToLowerInvariant();
        var starts = period.BucketStarts(bucket);
        var byBucket = starts.ToDictionary(s => s, _ => new Dictionary<string, KpiValue>());
        foreach (var (source, kpis, measures) in RecordSources.Selected(selected))
        {
            var rows = await measured.MeasureAsync(source, request.Filters, period,
                Enum.Parse<RollupKey>(bucket.ToString()), k => (DateTime)k!, measures,
                m => source.MeasureAsync(measured.Db, request.Filters, period.FromUtc, period.ToUtc(),
                    ts => KpiSql.DateTrunc(unit, TimeZoneInfo.ConvertTimeBySystemTimeZoneId(ts, tz)), m,
                    cancellationToken),
                cancellationToken);
            foreach (var start in starts)
            {
                var row = rows.FirstOrDefault(r => r.Key == start);
                foreach (var kpi in kpis)
                    byBucket[start][kpi.Key] = KpiValues.Combine(kpi, row, measures);
            }
        }
        // Backlog KPIs: a bucket's value is the tickets open at its end (the period's end for the last one).
        if (selected.Where(OpenTickets.Kpis.Contains).ToList() is { Count: > 0 } open)
        {
            var measures = OpenTickets.MeasuresOf(open);
            var ends = starts.Select(s => period.ToUtc(Min(ReportPeriod.Next(s, bucket), period.To))).ToList();
            var rows = await OpenTickets.AtAsync(measured.Db, request.Filters, ends, measures, cancellationToken);
            for (var i = 0; i < starts.Count; i++)
            {
                var row = rows.Find(r => r.Key == ends[i]);
                foreach (var kpi in open)
                    byBucket[starts[i]][kpi.Key] = KpiValues.Combine(kpi, row, measures);
            }
        }
        if (selected.Any(CustomerKpis.All.Contains))
        {
            customers ??= await CustomerKpis.MeasureAsync(measured.Db, CustomerKpis.BucketPeriods(period, bucket),
                cancellationToken);
            for (var i = 0; i < starts.Count; i++)
            {
                foreach (var kpi in CustomerKpis.All.Where(selected.Contains))
                    byBucket[starts[i]][kpi.Key] = customers[i][kpi.Key];
            }
        }
        return starts
            .Select(s => new KpiGroup(ReportPeriod.Format(s), ReportPeriod.Format(s), KpiValues.Ordered(byBucket[s])))
            .ToList();
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
