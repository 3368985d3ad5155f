using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis;

/// <summary>
/// Runs a KPI report: for each record source one GROUP BY in PostgreSQL that measures every KPI of the registry at
/// once, then the formulas of <see cref="KpiMath"/> in memory. A report costs two queries per source for the totals
/// (the period and the previous one) and one per source for the groups — a handful, whatever the KPI count.
/// </summary>
public sealed class KpiReports(KpiDbContext db)
{
    /// <summary>
    /// Read additive measures over whole days from <see cref="DailyRollups"/> when they are current (on by default;
    /// off reads every measure from the raw rows — the same numbers, which the tests hold them to). A report never
    /// refreshes them: while they are behind (an import just ended) it reads the raw rows.
    /// </summary>
    public bool UseRollups { get; init; } = true;

    private bool? _rollupsCurrent;
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
            var rows = await MeasureAsync(source, request.Filters, period, DailyRollups.Key.Total, _ => true, measures,
                m => source.MeasureAsync(this, request.Filters, period.FromUtc, period.ToUtc(), ts => true, m, cancellationToken), cancellationToken);
            var before = await MeasureAsync(source, request.Filters, previous, DailyRollups.Key.Total, _ => false, measures,
                m => source.MeasureAsync(this, request.Filters, previous.FromUtc, period.FromUtc, ts => false, m, cancellationToken), cancellationToken);
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

        var notes = new List<ReportNote>();
        if (request.Filters.Any)
            notes.Add(new ReportNote(ReportNoteCode.CustomersCompanyWide, string.Join(',', request.Filters.Names())));

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

    private static ReportNote NotBrokenDown(Grouping grouping) => new(ReportNoteCode.CustomersNotBrokenDown, grouping.Code());

    /// <param name="customers">The customer KPIs of each bucket when the caller measured them already.</param>
    private async Task<IReadOnlyList<KpiGroup>> TrendAsync(KpiRequest request, TimeBucket bucket, string tz, IReadOnlyList<Kpi> selected,
        IReadOnlyList<Dictionary<string, KpiValue>>? customers, CancellationToken cancellationToken)
    {
        var period = request.Period;
        var unit = bucket.ToString().ToLowerInvariant();
        var starts = period.BucketStarts(bucket);
        var byBucket = starts.ToDictionary(s => s, _ => new Dictionary<string, KpiValue>());
        foreach (var (source, kpis, measures) in Selected(selected))
        {
            var rows = await MeasureAsync(source, request.Filters, period, Enum.Parse<DailyRollups.Key>(bucket.ToString()), k => (DateTime)k!, measures,
                m => source.MeasureAsync(this, request.Filters, period.FromUtc, period.ToUtc(),
                    ts => KpiSql.DateTrunc(unit, TimeZoneInfo.ConvertTimeBySystemTimeZoneId(ts, tz)), m, cancellationToken), cancellationToken);
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
        DailyRollups.Key? rollupKey = grouping switch
        {
            Grouping.Team => DailyRollups.Key.Team,
            Grouping.Channel => DailyRollups.Key.Channel,
            Grouping.Category => DailyRollups.Key.Category,
            _ => null,
        };
        foreach (var (source, kpis, measures) in Selected(selected))
        {
            Task<List<MeasureRow<string?>>> Raw(List<LambdaExpression> m) =>
                source.MeasureByDimensionAsync(this, request.Filters, period.FromUtc, period.ToUtc(), grouping, m, cancellationToken);
            measured.Add((kpis, measures, rollupKey is { } key
                ? await MeasureAsync(source, request.Filters, period, key, k => (string?)k, measures, Raw, cancellationToken)
                : await Raw(measures)));
        }

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
                return filters.Category is { } category ? [(category.ToLowerInvariant(), category.ToLowerInvariant())] : [];
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

    /// <summary>
    /// The measures of one source over <paramref name="span"/>, grouped: when the daily rollups can answer (current,
    /// whole days, no agent filter) the additive ones from them and, company-wide or for a team, the percentiles of the
    /// period or of each trend bucket from the days' sorted values; the others — or all, when the rollups cannot answer — from the raw
    /// rows (<paramref name="raw"/>, given the measures to read), merged into rows of every measure in order.
    /// </summary>
    private async Task<List<MeasureRow<TKey>>> MeasureAsync<TKey>(RecordSource source, KpiFilters filters, ReportPeriod span, DailyRollups.Key key,
        Func<object?, TKey> keyOf, List<LambdaExpression> measures, Func<List<LambdaExpression>, Task<List<MeasureRow<TKey>>>> raw, CancellationToken cancellationToken)
    {
        // A sum of fractions rounds by the order it is summed in, which depends on the query's plan: a source that needs
        // one reads every measure from the raw rows in one query. Counts, whole-number sums and percentiles are order-free.
        if (measures.Any(m => !DailyRollups.IsAdditive(m) && DailyRollups.AsPercentile(m) is null)
            || !await RollupsAnswerAsync(span, filters, cancellationToken))
            return await raw(measures);
        var rolled = measures.Where(m => IndexOf(source.Layout, m) >= 0).ToList();
        var sums = rolled.Count > 0
            ? await DailyRollups.MeasureAsync(db, source.Source, filters, span.FromDate, span.ToDate, key, rolled.Select(m => IndexOf(source.Layout, m)).ToList(), cancellationToken)
            : [];
        // Percentiles of the period or of trend buckets, company-wide or of a team, from each day's sorted values.
        var spans = filters is { Channel: null, Category: null } ? Spans(span, key) : null;
        var ranked = spans is null
            ? []
            : measures.Select(m => (Measure: m, Percentile: source.PercentileOf(m))).Where(p => p.Percentile is not null).ToList();
        var percentiles = ranked.Count > 0
            ? await DailyRollups.PercentilesAsync(db, source.Source, filters.Team, spans!, ranked.Select(p => p.Percentile!.Value).ToList(), cancellationToken)
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

    /// <summary>The whole-day spans a rollup read groups into, keyed as it keys them; null for a grouping by dimension.</summary>
    private static List<(object? Key, DateOnly From, DateOnly To)>? Spans(ReportPeriod span, DailyRollups.Key key)
    {
        if (key == DailyRollups.Key.Total)
            return [(true, span.FromDate, span.ToDate)];
        if (!Enum.TryParse<TimeBucket>(key.ToString(), out var bucket))
            return null;
        return span.BucketStarts(bucket)
            .Select(s => ((object?)s, DateOnly.FromDateTime(s < span.From ? span.From : s), DateOnly.FromDateTime(Min(ReportPeriod.Next(s, bucket), span.To))))
            .ToList();
    }

    /// <summary>
    /// Measures of other numbers than the registry's (a histogram's counts, a score split) over one source's records in
    /// the period, filtered: from the rollups when they hold them, else the raw rows. Zeros and nulls as SQL gives them.
    /// </summary>
    internal async Task<double?[]> TotalsAsync(KpiSource kind, ReportPeriod period, KpiFilters filters, List<LambdaExpression> measures, CancellationToken cancellationToken)
    {
        var source = RecordSources.Single(s => s.Source == kind);
        var rows = await MeasureAsync(source, filters, period, DailyRollups.Key.Total, _ => true, measures,
            m => source.MeasureAsync(this, filters, period.FromUtc, period.ToUtc(), ts => true, m, cancellationToken), cancellationToken);
        return rows.FirstOrDefault()?.Values ?? new double?[measures.Count];
    }

    /// <summary>
    /// Whether the rollups can answer for these days and filters: when current (checked once per instance); a report
    /// never refreshes them.
    /// </summary>
    internal async Task<bool> RollupsAnswerAsync(ReportPeriod span, KpiFilters filters, CancellationToken cancellationToken)
    {
        if (!UseRollups || filters.Agent is not null || !DailyRollups.AreWholeDays(span))
            return false;
        var zone = span.TimeZone.Id;
        return _rollupsCurrent ??= await DailyRollups.CurrentAsync(db, zone, cancellationToken);
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
        List<LambdaExpression> measures, CancellationToken cancellationToken) =>
        MeasureQuery(records, key, measures).ToListAsync(cancellationToken);

    internal static IQueryable<MeasureRow<TKey>> MeasureQuery<T, TKey>(IQueryable<T> records, Expression<Func<T, TKey>> key, List<LambdaExpression> measures)
    {
        var group = Expression.Parameter(typeof(IGrouping<TKey, T>), "g");
        var values = measures.Select(m => (Expression)Expression.Convert(Expressions.Replace(m.Body, m.Parameters[0], group), typeof(double?)));
        var row = Expression.MemberInit(Expression.New(typeof(MeasureRow<TKey>)),
            Expression.Bind(typeof(MeasureRow<TKey>).GetProperty(nameof(MeasureRow<TKey>.Key))!, Expression.Property(group, nameof(IGrouping<TKey, T>.Key))),
            Expression.Bind(typeof(MeasureRow<TKey>).GetProperty(nameof(MeasureRow<TKey>.Values))!, Expression.NewArrayInit(typeof(double?), values)));
        return records.GroupBy(key).Select(Expression.Lambda<Func<IGrouping<TKey, T>, MeasureRow<TKey>>>(row, group));
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
        new RecordSource<SurveyResponse>(KpiSource.Surveys, RecordPaths.Surveys, db => db.SurveyResponses, extra: [.. SurveyBreakdowns.Splits.Values.SelectMany(m => m)]),
        new RecordSource<Ticket>(KpiSource.CreatedTickets, RecordPaths.CreatedTickets, db => db.Tickets, extra: ResponseTimeDistribution.Measures),
        new RecordSource<Ticket>(KpiSource.ResolvedTickets, RecordPaths.ResolvedTickets, db => db.Tickets, t => t.ResolvedAt != null),
        new RecordSource<Interaction>(KpiSource.Interactions, RecordPaths.Interactions, db => db.Interactions),
    ];

    internal KpiDbContext Db => db;

    /// <summary>The record sources the daily rollups sum up.</summary>
    internal static IReadOnlyList<RecordSource> RollupSources => RecordSources;

    /// <summary>A kind of record, the KPIs placed by it, and the measures those KPIs need (deduplicated).</summary>
    internal abstract class RecordSource
    {
        public abstract KpiSource Source { get; }
        public abstract IReadOnlyList<Kpi> Kpis { get; }
        public abstract List<LambdaExpression> Measures { get; }

        /// <summary>Measures of other numbers over this source's records that the rollups hold too.</summary>
        public abstract IReadOnlyList<LambdaExpression> Extra { get; }

        /// <summary>The measures the daily rollups hold for this source, in the order of their array: the additive ones.</summary>
        public List<LambdaExpression> Layout => _layout ??= Measures.Concat(Extra).Where(DailyRollups.IsAdditive).ToList();
        private List<LambdaExpression>? _layout;

        /// <summary>The values this source's percentiles are taken of (first response, resolution time): each kept sorted per day and team.</summary>
        public List<LambdaExpression> Series => _series ??= Measures.Select(DailyRollups.AsPercentile).OfType<(LambdaExpression Values, double Fraction)>()
            .Select(p => p.Values).DistinctBy(v => v.ToString()).ToList();
        private List<LambdaExpression>? _series;

        /// <summary>A percentile measure as the index of its <see cref="Series"/> and its fraction; null for other measures.</summary>
        public (int Series, double Fraction)? PercentileOf(LambdaExpression measure) =>
            DailyRollups.AsPercentile(measure) is var (values, fraction) && Series.FindIndex(v => v.ToString() == values.ToString()) is var series and >= 0
                ? (series, fraction)
                : null;

        /// <summary>The query of one series' sorted values by local day and team for the given days (all when null).</summary>
        public abstract DbCommand Values(KpiDbContext db, string zone, IReadOnlyList<DateTime>? days, int series);

        /// <summary>
        /// The query of this source's rollup cells — local day, team, channel, lower-cased category, and the layout's
        /// measures — for the given local days (all when null), as a command on the context's connection.
        /// </summary>
        public abstract DbCommand Cells(KpiDbContext db, string zone, IReadOnlyList<DateTime>? days);

        public abstract Task<List<MeasureRow<TKey>>> MeasureAsync<TKey>(KpiReports reports, KpiFilters filters, DateTime fromUtc, DateTime toUtc,
            Expression<Func<DateTime, TKey>> key, List<LambdaExpression> measures, CancellationToken cancellationToken);

        public abstract Task<List<MeasureRow<string?>>> MeasureByDimensionAsync(KpiReports reports, KpiFilters filters, DateTime fromUtc, DateTime toUtc,
            Grouping grouping, List<LambdaExpression> measures, CancellationToken cancellationToken);
    }

    /// <param name="placed">Which records have the source's timestamp at all, when not every one does.</param>
    /// <param name="extra">Measures of other numbers over these records (a histogram, a score split) the rollups hold too.</param>
    private sealed class RecordSource<TRecord>(KpiSource source, RecordPaths<TRecord> paths, Func<KpiDbContext, IQueryable<TRecord>> entities,
        Expression<Func<TRecord, bool>>? placed = null, IReadOnlyList<LambdaExpression>? extra = null) : RecordSource
        where TRecord : class
    {
        public override KpiSource Source => source;

        public override IReadOnlyList<LambdaExpression> Extra => extra ?? [];

        public override DbCommand Cells(KpiDbContext db, string zone, IReadOnlyList<DateTime>? days)
        {
            var day = DailyRollups.LocalDay(paths.Timestamp, zone);
            var records = Placed(db, day, days);
            var cell = CellOf(day, withChannelAndCategory: true);
            var group = Expression.Parameter(typeof(IGrouping<RollupCell, TRecord>), "g");
            var key = Expression.Property(group, nameof(IGrouping<RollupCell, TRecord>.Key));
            var values = Layout.Select(m => (Expression)Expression.Convert(Expressions.Replace(m.Body, m.Parameters[0], group), typeof(double?)));
            var row = Expression.MemberInit(Expression.New(typeof(RollupRow)),
                Expression.Bind(typeof(RollupRow).GetProperty(nameof(RollupRow.Day))!, Expression.Property(key, nameof(RollupCell.Day))),
                Expression.Bind(typeof(RollupRow).GetProperty(nameof(RollupRow.TeamId))!, Expression.Property(key, nameof(RollupCell.TeamId))),
                Expression.Bind(typeof(RollupRow).GetProperty(nameof(RollupRow.Channel))!, Expression.Property(key, nameof(RollupCell.Channel))),
                Expression.Bind(typeof(RollupRow).GetProperty(nameof(RollupRow.Category))!, Expression.Property(key, nameof(RollupCell.Category))),
                Expression.Bind(typeof(RollupRow).GetProperty(nameof(RollupRow.Values))!, Expression.NewArrayInit(typeof(double?), values)));
            return records.GroupBy(cell).Select(Expression.Lambda<Func<IGrouping<RollupCell, TRecord>, RollupRow>>(row, group)).CreateDbCommand();
        }

        public override DbCommand Values(KpiDbContext db, string zone, IReadOnlyList<DateTime>? days, int series)
        {
            var day = DailyRollups.LocalDay(paths.Timestamp, zone);
            var cell = CellOf(day, withChannelAndCategory: false);
            var group = Expression.Parameter(typeof(IGrouping<RollupCell, TRecord>), "g");
            var key = Expression.Property(group, nameof(IGrouping<RollupCell, TRecord>.Key));
            var values = Series[series];
            var row = Expression.MemberInit(Expression.New(typeof(RollupValues)),
                Expression.Bind(typeof(RollupValues).GetProperty(nameof(RollupValues.Day))!, Expression.Property(key, nameof(RollupCell.Day))),
                Expression.Bind(typeof(RollupValues).GetProperty(nameof(RollupValues.TeamId))!, Expression.Property(key, nameof(RollupCell.TeamId))),
                Expression.Bind(typeof(RollupValues).GetProperty(nameof(RollupValues.Sorted))!, Expressions.Replace(values.Body, values.Parameters[0], group)));
            return Placed(db, day, days).GroupBy(cell).Select(Expression.Lambda<Func<IGrouping<RollupCell, TRecord>, RollupValues>>(row, group)).CreateDbCommand();
        }

        /// <summary>
        /// A record's rollup cell: its local <paramref name="day"/> and team, and its channel and lower-cased category when
        /// asked (the sorted values of percentiles are kept per day and team only).
        /// </summary>
        private Expression<Func<TRecord, RollupCell>> CellOf(Expression<Func<TRecord, DateTime>> day, bool withChannelAndCategory)
        {
            var record = day.Parameters[0];
            MemberBinding Bind(string member, Expression value) => Expression.Bind(typeof(RollupCell).GetProperty(member)!, value);
            List<MemberBinding> bindings = [Bind(nameof(RollupCell.Day), day.Body), Bind(nameof(RollupCell.TeamId), Body(paths.Agent.Then<TRecord, Agent?, int?>(a => a!.TeamId), record))];
            if (withChannelAndCategory)
            {
                bindings.Add(Bind(nameof(RollupCell.Channel), Body(paths.Channel, record)));
                bindings.Add(Bind(nameof(RollupCell.Category), Body(paths.Category.Then<TRecord, string?, string?>(c => KpiSql.Lower(c)), record)));
            }
            return Expression.Lambda<Func<TRecord, RollupCell>>(Expression.MemberInit(Expression.New(typeof(RollupCell)), bindings), record);
        }

        /// <summary>The source's records (of the given local days, when not null).</summary>
        private IQueryable<TRecord> Placed(KpiDbContext db, Expression<Func<TRecord, DateTime>> day, IReadOnlyList<DateTime>? days) =>
            // Only records the source places at some time (the resolved tickets' source has no unresolved tickets).
            DailyRollups.OnDays(placed is null ? entities(db) : entities(db).Where(placed), paths.Timestamp, day, days);

        private static Expression Body<TValue>(Expression<Func<TRecord, TValue>> path, ParameterExpression record) =>
            Expressions.Replace(path.Body, path.Parameters[0], record);

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
                Grouping.Category => paths.Category.Then<TRecord, string?, string?>(c => KpiSql.Lower(c)),
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

/// <summary>The key of a rollup cell (<see cref="DailyRollups"/>).</summary>
internal sealed class RollupCell
{
    public DateTime Day { get; init; }
    public int? TeamId { get; init; }
    public Channel? Channel { get; init; }
    public string? Category { get; init; }
}

/// <summary>A rollup cell and its measures, in the columns of <c>kpi_rollups</c>.</summary>
internal sealed class RollupRow
{
    public DateTime Day { get; init; }
    public int? TeamId { get; init; }
    public Channel? Channel { get; init; }
    public string? Category { get; init; }
    public double?[] Values { get; init; } = [];
}

/// <summary>A local day, a team and their values of one series, ascending (split into bins in <c>kpi_rollup_values</c>).</summary>
internal sealed class RollupValues
{
    public DateTime Day { get; init; }
    public int? TeamId { get; init; }
    public double[] Sorted { get; init; } = [];
}
