using System.Globalization;
using System.Linq.Expressions;
using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

// ToLower() inside these LINQ queries becomes SQL lower(); ToLowerInvariant has no translation.
#pragma warning disable CA1304, CA1311

namespace CsKpi.Core.Kpis;

/// <summary>
/// Runs a KPI report: for each record source one GROUP BY in PostgreSQL that measures every KPI of the registry at
/// once, then the formulas of <see cref="KpiMath"/> in memory. A report costs two queries per source for the totals
/// (the period and the previous one) and one per source for the groups — a handful, whatever the KPI count.
/// </summary>
public sealed class KpiReports(KpiDbContext db)
{
    public Task<KpiReport> RunAsync(KpiRequest request, CancellationToken cancellationToken = default) =>
        RunAsync(request, null, cancellationToken);

    /// <summary>The report of only the given KPIs (all when null), measured from only the sources and measures they need.</summary>
    public async Task<KpiReport> RunAsync(KpiRequest request, IReadOnlyCollection<string>? kpis, CancellationToken cancellationToken = default)
    {
        var selected = Select(kpis);
        var period = request.Period;
        var previous = period.Previous;
        var tz = period.TimeZone.Id;
        var totals = new Dictionary<string, KpiValue>();

        // Totals: one query for the period and one for the previous period. (One over both, keyed by the period, would
        // make PostgreSQL sort both months' rows by that key before the percentiles sort them again: 20 % slower.)
        foreach (var (source, sourceKpis, measures) in Selected(selected))
        {
            var rows = await source.MeasureAsync(this, request.Filters, period.FromUtc, period.ToUtc(), ts => true, measures, cancellationToken);
            var before = await source.MeasureAsync(this, request.Filters, previous.FromUtc, period.FromUtc, ts => false, measures, cancellationToken);
            foreach (var kpi in sourceKpis)
                totals[kpi.Key] = Combine(kpi, rows.FirstOrDefault(), before.FirstOrDefault(), measures);
        }
        // Customer KPIs of the totals and of every bucket of a trend: one scan of customers for them all.
        IReadOnlyList<Dictionary<string, KpiValue>>? bucketCustomers = null;
        if (selected.Any(CustomerKpis.Contains))
        {
            var bucketPeriods = request.GroupBy?.AsTimeBucket() is { } trendBucket ? BucketPeriods(period, trendBucket) : [];
            var customers = await MeasureCustomersAsync([period, previous, .. bucketPeriods], cancellationToken);
            foreach (var kpi in CustomerKpis.Where(selected.Contains))
                totals[kpi.Key] = customers[0][kpi.Key] with { Previous = customers[1][kpi.Key].Value, PreviousCount = customers[1][kpi.Key].Count };
            bucketCustomers = customers.Skip(2).ToList();
        }

        var notes = new List<string>();
        if (request.Filters.Any)
            notes.Add($"churn and retention are company-wide: the {string.Join(" and ", request.Filters.Names())} filter does not apply to them");

        IReadOnlyList<KpiGroup>? groups = null;
        if (request.GroupBy is { } grouping)
        {
            groups = grouping.AsTimeBucket() is { } bucket
                ? await TrendAsync(request, bucket, tz, selected, bucketCustomers, cancellationToken)
                : await BreakdownAsync(request, grouping, selected, cancellationToken);
            if (grouping.AsTimeBucket() is null)
                notes.Add(NotBrokenDown(grouping));
        }
        return new KpiReport(request, Ordered(totals), groups, notes);
    }

    /// <summary>
    /// One report from parts measured side by side: reports of some of the KPIs each
    /// (<see cref="RunAsync(KpiRequest, IReadOnlyCollection{string}?, CancellationToken)"/>, for <paramref name="request"/> or
    /// for its totals only) and groups of some of the KPIs each (<see cref="GroupsAsync"/>) — exactly the report of them all.
    /// </summary>
    public static KpiReport Assemble(KpiRequest request, IReadOnlyList<KpiReport> parts, IReadOnlyList<IReadOnlyList<KpiGroup>> groupParts)
    {
        if (parts.Any(p => p.Request != request && p.Request != request with { GroupBy = null }))
            throw new ArgumentException("Parts of one report answer the same request, or its totals.", nameof(parts));
        var kpis = new Dictionary<string, KpiValue>();
        foreach (var part in parts)
        {
            foreach (var (key, value) in part.Kpis)
                kpis.Add(key, value);
        }
        var notes = parts.SelectMany(p => p.Notes).ToList();
        List<KpiGroup>? groups = null;
        if (request.GroupBy is { } grouping)
        {
            var lists = parts.Where(p => p.Groups is not null).Select(p => p.Groups!).Concat(groupParts).ToList();
            groups = [];
            for (var i = 0; i < lists[0].Count; i++)
            {
                var same = lists.Select(l => l[i]).ToList();
                if (same.Any(g => g.Key != same[0].Key) || lists.Any(l => l.Count != lists[0].Count))
                    throw new ArgumentException("Parts of one report have the same groups in the same order.", nameof(groupParts));
                groups.Add(same[0] with { Kpis = Ordered(same.SelectMany(g => g.Kpis).ToDictionary()) });
            }
            if (grouping.AsTimeBucket() is null)
                notes.Add(NotBrokenDown(grouping));
        }
        return new KpiReport(request, Ordered(kpis), groups, notes.Distinct().ToList());
    }

    /// <summary>
    /// Only the groups of a trend or breakdown, without the totals — for a page that has them from another report.
    /// With <paramref name="kpis"/>, only those KPIs, measured from only the sources and measures they need (a chart of
    /// two KPIs by channel reads no survey).
    /// </summary>
    public async Task<IReadOnlyList<KpiGroup>> GroupsAsync(KpiRequest request, IReadOnlyCollection<string>? kpis = null, CancellationToken cancellationToken = default)
    {
        var grouping = request.GroupBy ?? throw new ArgumentException("Groups need a grouping.", nameof(request));
        var selected = Select(kpis);
        return grouping.AsTimeBucket() is { } bucket
            ? await TrendAsync(request, bucket, request.Period.TimeZone.Id, selected, null, cancellationToken)
            : await BreakdownAsync(request, grouping, selected, cancellationToken);
    }

    private static string NotBrokenDown(Grouping grouping) => $"churn and retention are company-wide and not broken down by {grouping.Code()}";

    /// <param name="customers">The customer KPIs of each bucket when the caller measured them already.</param>
    private async Task<IReadOnlyList<KpiGroup>> TrendAsync(KpiRequest request, TimeBucket bucket, string tz, IReadOnlyList<Kpi> selected,
        IReadOnlyList<Dictionary<string, KpiValue>>? customers, CancellationToken cancellationToken)
    {
        var period = request.Period;
        var unit = bucket.ToString().ToLower();
        var starts = period.BucketStarts(bucket);
        var byBucket = starts.ToDictionary(s => s, _ => new Dictionary<string, KpiValue>());
        foreach (var (source, kpis, measures) in Selected(selected))
        {
            var rows = await source.MeasureAsync(this, request.Filters, period.FromUtc, period.ToUtc(),
                ts => KpiSql.DateTrunc(unit, TimeZoneInfo.ConvertTimeBySystemTimeZoneId(ts, tz)), measures, cancellationToken);
            foreach (var start in starts)
            {
                var row = rows.FirstOrDefault(r => r.Key == start);
                foreach (var kpi in kpis)
                    byBucket[start][kpi.Key] = Combine(kpi, row, null, measures);
            }
        }
        if (!selected.Any(CustomerKpis.Contains))
            return starts.Select(s => new KpiGroup(ReportPeriod.Format(s), ReportPeriod.Format(s), Ordered(byBucket[s]))).ToList();
        customers ??= await MeasureCustomersAsync(BucketPeriods(period, bucket), cancellationToken);
        for (var i = 0; i < starts.Count; i++)
        {
            foreach (var kpi in CustomerKpis.Where(selected.Contains))
                byBucket[starts[i]][kpi.Key] = customers[i][kpi.Key];
        }
        return starts.Select(s => new KpiGroup(ReportPeriod.Format(s), ReportPeriod.Format(s), Ordered(byBucket[s]))).ToList();
    }

    private async Task<IReadOnlyList<KpiGroup>> BreakdownAsync(KpiRequest request, Grouping grouping, IReadOnlyList<Kpi> selected, CancellationToken cancellationToken)
    {
        var period = request.Period;
        var measured = new List<(IReadOnlyList<Kpi> Kpis, List<LambdaExpression> Measures, List<MeasureRow<string?>> Rows)>();
        foreach (var (source, kpis, measures) in Selected(selected))
            measured.Add((kpis, measures, await source.MeasureByDimensionAsync(this, request.Filters, period.FromUtc, period.ToUtc(), grouping, measures, cancellationToken)));

        var keys = await DimensionKeysAsync(grouping, request.Filters, cancellationToken);
        foreach (var key in measured.SelectMany(m => m.Rows).Select(r => r.Key).Distinct())
        {
            if (!keys.Any(k => k.Key == key))
                keys.Add((key, key ?? "(none)"));
        }
        if (grouping is Grouping.Category)
            keys = keys.OrderBy(k => k.Key is null).ThenBy(k => k.Label, StringComparer.Ordinal).ToList();

        var groups = new List<KpiGroup>();
        foreach (var (key, label) in keys)
        {
            var kpis = new Dictionary<string, KpiValue>();
            foreach (var (sourceKpis, measures, rows) in measured)
            {
                var row = rows.FirstOrDefault(r => r.Key == key);
                foreach (var kpi in sourceKpis)
                    kpis[kpi.Key] = Combine(kpi, row, null, measures);
            }
            groups.Add(new KpiGroup(key, label, Ordered(kpis)));
        }
        return groups;
    }

    /// <summary>Every group a breakdown shows even when it has no data: known teams, agents, channels.</summary>
    private async Task<List<(string? Key, string Label)>> DimensionKeysAsync(Grouping grouping, KpiFilters filters, CancellationToken cancellationToken)
    {
        switch (grouping)
        {
            case Grouping.Team:
                var teams = await db.Teams.Where(t => filters.Team == null || t.Name == filters.Team).OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(cancellationToken);
                return teams.Select(t => ((string?)t, t)).ToList();
            case Grouping.Agent:
                var agents = await db.Agents
                    .Where(a => (filters.Team == null || a.Team!.Name == filters.Team) && (filters.Agent == null || a.SourceId == filters.Agent))
                    .OrderBy(a => a.Name).ThenBy(a => a.SourceId).Select(a => new { a.SourceId, a.Name }).ToListAsync(cancellationToken);
                return agents.Select(a => ((string?)a.SourceId, a.Name)).ToList();
            case Grouping.Channel:
                return Channels.All.Where(c => filters.Channel is null || c == filters.Channel).Select(c => ((string?)c.Code(), c.Code())).ToList();
            default:
                return filters.Category is { } category ? [(category.ToLower(), category.ToLower())] : [];
        }
    }

    private static KpiValue Combine(Kpi kpi, MeasureRow<bool>? current, MeasureRow<bool>? previous, List<LambdaExpression> measures) =>
        Combine(kpi, current?.Values, previous?.Values, measures, hasPrevious: true);

    private static KpiValue Combine<TKey>(Kpi kpi, MeasureRow<TKey>? row, MeasureRow<TKey>? previous, List<LambdaExpression> measures) =>
        Combine(kpi, row?.Values, previous?.Values, measures, hasPrevious: false);

    private static KpiValue Combine(Kpi kpi, double?[]? current, double?[]? previous, List<LambdaExpression> measures, bool hasPrevious)
    {
        var numerator = IndexOf(measures, kpi.Numerator!);
        var denominator = IndexOf(measures, kpi.Denominator!);
        var (value, count) = kpi.Evaluate(current?[numerator], current?[denominator]);
        if (!hasPrevious)
            return new KpiValue(value, count);
        var (before, beforeCount) = kpi.Evaluate(previous?[numerator], previous?[denominator]);
        return new KpiValue(value, count, before, beforeCount);
    }

    /// <summary>Churn and retention for each period, in one scan of customers (see <see cref="CustomerCells"/>).</summary>
    private async Task<List<Dictionary<string, KpiValue>>> MeasureCustomersAsync(IReadOnlyList<ReportPeriod> periods, CancellationToken cancellationToken)
    {
        var cells = await CustomerCells.CountAsync(db, periods.Min(p => p.FromDate), periods.Max(p => p.ToDate), cancellationToken);
        return periods.Select(p => CustomerKpis.ToDictionary(k => k.Key, k =>
        {
            var (value, count) = k.Evaluate(CustomerCells.Measure(k.CustomerNumerator!)(cells, p.FromDate, p.ToDate),
                CustomerCells.Measure(k.CustomerDenominator!)(cells, p.FromDate, p.ToDate));
            return new KpiValue(value, count);
        })).ToList();
    }

    /// <summary>
    /// GROUP BY <paramref name="key"/> with every measure as one element of a PostgreSQL array: one round trip,
    /// however many KPIs.
    /// </summary>
    internal static Task<List<MeasureRow<TKey>>> MeasureAsync<T, TKey>(IQueryable<T> records, Expression<Func<T, TKey>> key,
        List<LambdaExpression> measures, CancellationToken cancellationToken)
    {
        var group = Expression.Parameter(typeof(IGrouping<TKey, T>), "g");
        var values = measures.Select(m => (Expression)Expression.Convert(Expressions.Replace(m.Body, m.Parameters[0], group), typeof(double?)));
        var row = Expression.MemberInit(Expression.New(typeof(MeasureRow<TKey>)),
            Expression.Bind(typeof(MeasureRow<TKey>).GetProperty(nameof(MeasureRow<TKey>.Key))!, Expression.Property(group, nameof(IGrouping<TKey, T>.Key))),
            Expression.Bind(typeof(MeasureRow<TKey>).GetProperty(nameof(MeasureRow<TKey>.Values))!, Expression.NewArrayInit(typeof(double?), values)));
        return records.GroupBy(key).Select(Expression.Lambda<Func<IGrouping<TKey, T>, MeasureRow<TKey>>>(row, group)).ToListAsync(cancellationToken);
    }

    /// <summary>Measures are the same when they read the same (csat and csat_avg share their denominator): one SQL aggregate each.</summary>
    /// Most measures are in the list themselves: found by reference, without printing every measure to compare texts
    /// (which, per KPI per bucket, cost more client CPU than reading the rows).
    private static int IndexOf(List<LambdaExpression> measures, LambdaExpression measure)
    {
        var index = measures.IndexOf(measure);
        if (index >= 0)
            return index;
        var text = measure.ToString();
        return measures.FindIndex(m => m.ToString() == text);
    }

    private static Dictionary<string, KpiValue> Ordered(Dictionary<string, KpiValue> kpis) =>
        KpiRegistry.All.Where(k => kpis.ContainsKey(k.Key)).ToDictionary(k => k.Key, k => kpis[k.Key]);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    /// <summary>The buckets of a trend as periods, each clipped to the report's period (customer KPIs are measured per bucket).</summary>
    private static List<ReportPeriod> BucketPeriods(ReportPeriod period, TimeBucket bucket) =>
        period.BucketStarts(bucket).Select(s => new ReportPeriod(s < period.From ? period.From : s, Min(ReportPeriod.Next(s, bucket), period.To), period.TimeZone)).ToList();

    private static IReadOnlyList<Kpi> Select(IReadOnlyCollection<string>? kpis) =>
        kpis is null ? KpiRegistry.All : KpiRegistry.All.Where(k => kpis.Contains(k.Key)).ToList();

    /// <summary>The sources some selected KPI comes from, each with those KPIs and the measures they need.</summary>
    private static IEnumerable<(RecordSource Source, IReadOnlyList<Kpi> Kpis, List<LambdaExpression> Measures)> Selected(IReadOnlyList<Kpi> selected)
    {
        foreach (var source in RecordSources)
        {
            if (source.Kpis.All(selected.Contains))
                yield return (source, source.Kpis, source.Measures);
            else if (source.Kpis.Where(selected.Contains).ToList() is { Count: > 0 } kpis)
                yield return (source, kpis, DistinctMeasures(kpis));
        }
    }

    private static List<LambdaExpression> DistinctMeasures(IEnumerable<Kpi> kpis)
    {
        var measures = new List<LambdaExpression>();
        foreach (var kpi in kpis)
        {
            foreach (var measure in new[] { kpi.Numerator!, kpi.Denominator! })
            {
                if (IndexOf(measures, measure) < 0)
                    measures.Add(measure);
            }
        }
        return measures;
    }

    private static readonly Kpi[] CustomerKpis = KpiRegistry.All.Where(k => k.Source == KpiSource.Customers).ToArray();

    private static readonly RecordSource[] RecordSources =
    [
        new RecordSource<SurveyResponse>(KpiSource.Surveys, RecordPaths.Surveys, db => db.SurveyResponses),
        new RecordSource<Ticket>(KpiSource.CreatedTickets, RecordPaths.CreatedTickets, db => db.Tickets),
        new RecordSource<Ticket>(KpiSource.ResolvedTickets, RecordPaths.ResolvedTickets, db => db.Tickets),
        new RecordSource<Interaction>(KpiSource.Interactions, RecordPaths.Interactions, db => db.Interactions),
    ];

    internal KpiDbContext Db => db;

    /// <summary>A kind of record, the KPIs placed by it, and the measures those KPIs need (deduplicated).</summary>
    private abstract class RecordSource
    {
        public abstract IReadOnlyList<Kpi> Kpis { get; }
        public abstract List<LambdaExpression> Measures { get; }

        public abstract Task<List<MeasureRow<TKey>>> MeasureAsync<TKey>(KpiReports reports, KpiFilters filters, DateTime fromUtc, DateTime toUtc,
            Expression<Func<DateTime, TKey>> key, List<LambdaExpression> measures, CancellationToken cancellationToken);

        public abstract Task<List<MeasureRow<string?>>> MeasureByDimensionAsync(KpiReports reports, KpiFilters filters, DateTime fromUtc, DateTime toUtc,
            Grouping grouping, List<LambdaExpression> measures, CancellationToken cancellationToken);
    }

    private sealed class RecordSource<TRecord>(KpiSource source, RecordPaths<TRecord> paths, Func<KpiDbContext, IQueryable<TRecord>> entities) : RecordSource
        where TRecord : class
    {

        public override IReadOnlyList<Kpi> Kpis { get; } = KpiRegistry.All.Where(k => k.Source == source).ToArray();

        public override List<LambdaExpression> Measures => _measures ??= DistinctMeasures(Kpis);
        private List<LambdaExpression>? _measures;

        public override Task<List<MeasureRow<TKey>>> MeasureAsync<TKey>(KpiReports reports, KpiFilters filters, DateTime fromUtc, DateTime toUtc,
            Expression<Func<DateTime, TKey>> key, List<LambdaExpression> measures, CancellationToken cancellationToken) =>
            KpiReports.MeasureAsync(Records(reports, filters, fromUtc, toUtc), paths.Timestamp.Then(key), measures, cancellationToken);

        public override Task<List<MeasureRow<string?>>> MeasureByDimensionAsync(KpiReports reports, KpiFilters filters, DateTime fromUtc, DateTime toUtc,
            Grouping grouping, List<LambdaExpression> measures, CancellationToken cancellationToken)
        {
            if (grouping == Grouping.Channel)
            {
                // Channels are stored as their codes; group by the enum and name the keys here.
                return MeasureByChannelAsync(reports, filters, fromUtc, toUtc, measures, cancellationToken);
            }
            Expression<Func<TRecord, string?>> key = grouping switch
            {
                Grouping.Team => paths.Agent.Then<TRecord, Agent?, string?>(a => a!.Team!.Name),
                Grouping.Agent => paths.Agent.Then<TRecord, Agent?, string?>(a => a!.SourceId),
                Grouping.Category => paths.Category.Then<TRecord, string?, string?>(c => c!.ToLower()),
                _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "Not a dimension."),
            };
            return KpiReports.MeasureAsync(Records(reports, filters, fromUtc, toUtc), key, measures, cancellationToken);
        }

        private async Task<List<MeasureRow<string?>>> MeasureByChannelAsync(KpiReports reports, KpiFilters filters, DateTime fromUtc, DateTime toUtc,
            List<LambdaExpression> measures, CancellationToken cancellationToken)
        {
            var rows = await KpiReports.MeasureAsync(Records(reports, filters, fromUtc, toUtc), paths.Channel, measures, cancellationToken);
            return rows.Select(r => new MeasureRow<string?> { Key = r.Key?.Code(), Values = r.Values }).ToList();
        }

        /// <summary>The records placed in [from, to) by the source's timestamp, filtered.</summary>
        private IQueryable<TRecord> Records(KpiReports reports, KpiFilters filters, DateTime fromUtc, DateTime toUtc)
        {
            var inPeriod = paths.Timestamp.Then<TRecord, DateTime, bool>(ts => ts >= fromUtc && ts < toUtc);
            return filters.Apply(entities(reports.Db).Where(inPeriod), paths);
        }
    }
}
