using System.Diagnostics;
using System.Linq.Expressions;
using CsKpi.Core.Data;
using CsKpi.Core.Kpis.Rollups;
using CsKpi.Core.Kpis.Sources;
using Microsoft.Extensions.Logging;

namespace CsKpi.Core.Kpis.Reports;

/// <summary>
/// Runs a KPI report: for each record source one GROUP BY in PostgreSQL that measures every KPI of the registry at
/// once, then the formulas of <see cref="KpiMath"/> in memory. A report costs two queries per source for the totals
/// (the period and the one it is compared with, <see cref="ReportPeriod.Compared"/>) and one per source for the
/// groups — a handful, whatever the KPI count. Additive measures over whole days come from the daily rollups when the
/// options allow it and they are current (<see cref="RollupChoice"/>); a report never refreshes them.
/// </summary>
/// <param name="logger">Where to say how long a report took and which rows it read (rollups or raw rows).</param>
public sealed class KpiReports(KpiDbContext db, KpiEngineOptions? options = null, ILogger? logger = null)
{
    private readonly SourceMeasures _measures = new(db, new RollupChoice(db, options ?? KpiEngineOptions.Default));

    public Task<KpiReport> RunAsync(KpiRequest request, CancellationToken cancellationToken = default) =>
        RunAsync(request, null, cancellationToken);

    /// <summary>
    /// The report of only the given KPIs (all when null), measured from only the sources and measures they need.
    /// </summary>
    public async Task<KpiReport> RunAsync(KpiRequest request, IReadOnlyCollection<string>? kpis,
        CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var selected = Select(kpis);
        var (period, previous) = (request.Period, request.Period.Compared);
        var totals = new Dictionary<string, KpiValue>();

        // Totals: one query for the period and one for the previous period. (One over both, keyed by the period,
        // would make PostgreSQL sort both months' rows by that key before the percentiles sort them again: 20 %
        // slower.)
        foreach (var (source, sourceKpis, measures) in RecordSources.Selected(selected))
        {
            var now = await _measures.TotalAsync(source, request.Filters, period, period.ToUtc(), true, measures,
                cancellationToken);
            var before = await _measures.TotalAsync(source, request.Filters, previous, previous.ToUtc(), false,
                measures, cancellationToken);
            foreach (var kpi in sourceKpis)
                totals[kpi.Key] = KpiValues.Combine(kpi, now, before, measures);
        }
        // Backlog KPIs: the tickets open at the period's end and at the previous period's (its start), one query.
        if (selected.Where(OpenTickets.Kpis.Contains).ToList() is { Count: > 0 } open)
        {
            var measures = OpenTickets.MeasuresOf(open);
            var (end, start) = (period.ToUtc(), period.FromUtc);
            var rows = await OpenTickets.AtAsync(db, request.Filters, [end, start], measures, cancellationToken);
            foreach (var kpi in open)
            {
                totals[kpi.Key] = KpiValues.Combine(kpi, rows.Find(r => r.Key == end), rows.Find(r => r.Key == start),
                    measures);
            }
        }
        // Customer KPIs of the totals and of every bucket of a trend: one scan of customers for them all.
        IReadOnlyList<Dictionary<string, KpiValue>>? bucketCustomers = null;
        if (selected.Any(CustomerKpis.All.Contains))
        {
            var bucketPeriods = request.GroupBy?.AsTimeBucket() is { } trendBucket
                ? CustomerKpis.BucketPeriods(period, trendBucket)
                : [];
            var customers = await CustomerKpis.MeasureAsync(db, [period, previous, .. bucketPeriods],
                cancellationToken);
            foreach (var kpi in CustomerKpis.All.Where(selected.Contains))
            {
                var (current, before) = (customers[0][kpi.Key], customers[1][kpi.Key]);
                totals[kpi.Key] = current with { Previous = before.Value, PreviousCount = before.Count };
            }
            bucketCustomers = customers.Skip(2).ToList();
        }

        var notes = new List<ReportNote>();
        if (request.Filters.Any)
            notes.Add(new ReportNote(ReportNoteCode.CustomersCompanyWide, string.Join(',', request.Filters.Names())));

        IReadOnlyList<KpiGroup>? groups = null;
        if (request.GroupBy is { } grouping)
        {
            groups = grouping.AsTimeBucket() is { } bucket
                ? await TrendGroups.MeasureAsync(_measures, request, bucket, selected, bucketCustomers,
                    cancellationToken)
                : await BreakdownGroups.MeasureAsync(_measures, request, grouping, selected, cancellationToken);
            if (grouping.AsTimeBucket() is null)
                notes.Add(ReportAssembly.NotBrokenDown(grouping));
        }
        Log(request, watch);
        return new KpiReport(request, KpiValues.Ordered(totals), groups, notes);
    }

    /// <summary>
    /// Only the groups of a trend or breakdown, without the totals — for a page that has them from another report.
    /// With <paramref name="kpis"/>, only those KPIs, measured from only the sources and measures they need (a chart
    /// of two KPIs by channel reads no survey).
    /// </summary>
    public async Task<IReadOnlyList<KpiGroup>> GroupsAsync(KpiRequest request,
        IReadOnlyCollection<string>? kpis = null, CancellationToken cancellationToken = default)
    {
        var grouping = request.GroupBy ?? throw new ArgumentException("Groups need a grouping.", nameof(request));
        var watch = Stopwatch.StartNew();
        var selected = Select(kpis);
        var groups = grouping.AsTimeBucket() is { } bucket
            ? await TrendGroups.MeasureAsync(_measures, request, bucket, selected, null, cancellationToken)
            : await BreakdownGroups.MeasureAsync(_measures, request, grouping, selected, cancellationToken);
        Log(request, watch);
        return groups;
    }

    /// <summary>
    /// Measures of other numbers than the registry's (a histogram's counts, a score split) over one source's records
    /// in the period, filtered: from the rollups when they hold them, else the raw rows. Zeros and nulls as SQL gives
    /// them.
    /// </summary>
    internal async Task<double?[]> TotalsAsync(KpiSource kind, ReportPeriod period, KpiFilters filters,
        List<LambdaExpression> measures, CancellationToken cancellationToken)
    {
        var row = await _measures.TotalAsync(RecordSources.Of(kind), filters, period, period.ToUtc(), true, measures,
            cancellationToken);
        return row?.Values ?? new double?[measures.Count];
    }

    private void Log(KpiRequest request, Stopwatch watch) =>
        logger?.LogDebug("Report {From:O}–{To:O} ({Zone}) by {Grouping}: {Milliseconds} ms from the {Path}",
            request.Period.From, request.Period.To, request.Period.TimeZone.Id, request.GroupBy,
            watch.ElapsedMilliseconds, _measures.Path);

    private static IReadOnlyList<Kpi> Select(IReadOnlyCollection<string>? kpis) =>
        kpis is null ? KpiRegistry.All : KpiRegistry.All.Where(k => kpis.Contains(k.Key)).ToList();
}
