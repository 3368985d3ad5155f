using CsKpi.Core.Data;
using CsKpi.Core.Kpis.Sources;

namespace CsKpi.Core.Kpis.Reports;

/// <summary>Churn and retention: measured over customers' dates, not over records placed in the period.</summary>
internal static class CustomerKpis
{
    public static readonly Kpi[] All = KpiRegistry.All.Where(k => k.Source == KpiSource.Customers).ToArray();

    /// <summary>
    /// Churn and retention for each period, in one scan of customers (see <see cref="CustomerCells"/>).
    /// </summary>
    public static async Task<List<Dictionary<string, KpiValue>>> MeasureAsync(KpiDbContext db,
        IReadOnlyList<ReportPeriod> periods, CancellationToken cancellationToken)
    {
        var cells = await CustomerCells.CountAsync(db, periods.Min(p => p.FromDate), periods.Max(p => p.ToDate),
            cancellationToken);
        return periods.Select(p => All.ToDictionary(k => k.Key, k =>
        {
            var (value, count) = k.Evaluate(CustomerCells.Measure(k.CustomerNumerator!)(cells, p.FromDate, p.ToDate),
                CustomerCells.Measure(k.CustomerDenominator!)(cells, p.FromDate, p.ToDate));
            return new KpiValue(value, count);
        })).ToList();
    }

    /// <summary>The buckets of a trend as periods, each clipped to the report's period.</summary>
    public static List<ReportPeriod> BucketPeriods(ReportPeriod period, TimeBucket bucket) =>
        period.BucketStarts(bucket)
            .Select(s => new ReportPeriod(s < period.From ? period.From : s,
                Min(ReportPeriod.Next(s, bucket), period.To), period.TimeZone))
            .ToList();

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
