using System.ComponentModel;
using System.Diagnostics;
using CsKpi.Core.Data;
using CsKpi.Core.Kpis.Reports;
using CsKpi.Core.Kpis.Rollups;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CsKpi.Core.Kpis.Analyses;

/// <summary>What the overview shows, for one period, its filters and its trend grouping.</summary>
public sealed record OverviewRequest(ReportPeriod Period, KpiFilters Filters, Grouping Trend);

/// <summary>
/// The overview's numbers, in no particular language: the report with its trend, channel bars, targets, NPS split,
/// first-response waits, key drivers. Immutable: a cache may hand the same instance to every request.
/// </summary>
[ImmutableObject(true)]
public sealed record OverviewNumbers(KpiReport Report, IReadOnlyList<KpiGroup> Channels, KpiTargets Targets,
    NetScoreSplit Split, IReadOnlyList<ResponseTimeBucket> Waits, IReadOnlyList<DriverResult> Drivers);

/// <summary>
/// Gathers the overview's numbers: independent parts side by side, each on its own (pooled) context, so the page
/// waits for the slowest part, not for the sum. The report is measured in parts of similar cost (by record source),
/// assembled into exactly the report one run gives. The same code serves the page and <c>cskpi bench overview</c>.
/// </summary>
/// <param name="options">How the numbers are read (<c>cskpi bench overview --raw</c>: every one from the raw
/// rows).</param>
/// <param name="logger">Where to say how long the numbers took and which rows they came from.</param>
public sealed class Overview(IDbContextFactory<KpiDbContext> contexts, KpiEngineOptions? options = null,
    ILogger? logger = null)
{
    /// <summary>
    /// What the channel bars show: ticket volume, and time with the customer against the channel's target time.
    /// </summary>
    public static readonly IReadOnlyList<string> ChannelKpis =
        [KpiRegistry.TicketVolume, KpiRegistry.TimeWithCustomerAvg];

    /// <summary>
    /// The report (totals of this period and the previous one, and the trend) in parts of similar cost, by record
    /// source; created tickets (three percentiles, sorted per period and per bucket) are the largest, so their totals
    /// and their trend are parts of their own.
    /// </summary>
    public static readonly IReadOnlyList<IReadOnlyList<string>> ReportParts =
        [
            Of(KpiSource.ResolvedTickets), Of(KpiSource.Surveys, KpiSource.Interactions),
            Of(KpiSource.Customers, KpiSource.OpenTickets),
        ];

    /// <summary>KPIs whose totals and trend are measured as two parts.</summary>
    public static readonly IReadOnlyList<string> SplitPart = Of(KpiSource.CreatedTickets);

    public async Task<OverviewNumbers> GatherAsync(OverviewRequest request,
        CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var (period, filters) = (request.Period, request.Filters);
        // Whether the rollups are current is asked once, so every part reads the same path. Behind (an import just
        // ended, the background refresh not yet done): every number from the raw rows; this request never rebuilds.
        var fromRollups = (options ?? KpiEngineOptions.Default).UseRollups
            && await RunAsync(c => DailyRollups.CurrentAsync(c, period.TimeZone.Id, cancellationToken),
                cancellationToken);
        var read = fromRollups ? KpiEngineOptions.Default : KpiEngineOptions.RawRows;
        var reportRequest = new KpiRequest(period, filters, request.Trend);
        var reportTasks = ReportParts
            .Select(kpis => RunAsync(c => new KpiReports(c, read).RunAsync(reportRequest, kpis, cancellationToken),
                cancellationToken))
            .Append(RunAsync(c => new KpiReports(c, read)
                .RunAsync(reportRequest with { GroupBy = null }, SplitPart, cancellationToken), cancellationToken))
            .ToList();
        var trendTask = RunAsync(c => new KpiReports(c, read).GroupsAsync(reportRequest, SplitPart, cancellationToken),
            cancellationToken);
        var driversTask = RunAsync(c => new KeyDrivers(c, read).AnalyseAsync(period, filters, cancellationToken),
            cancellationToken);
        // The small parts one after another on one context: channel bars (the groups only, the totals come with the
        // report, and only their two KPIs), targets, NPS split, first-response waits.
        var channelRequest = new KpiRequest(period, filters, Grouping.Channel);
        var smallTask = RunAsync(async c => (
            Channels: await new KpiReports(c, read).GroupsAsync(channelRequest, ChannelKpis, cancellationToken),
            Targets: await KpiTargets.LoadAsync(c, cancellationToken),
            Split: await new SurveyBreakdowns(c, read)
                .NetScoreSplitAsync(period, filters, SurveyKind.Nps, cancellationToken),
            Waits: await new ResponseTimeDistribution(c, read).AnalyseAsync(period, filters, cancellationToken)),
            cancellationToken);
        await Task.WhenAll([.. reportTasks, trendTask, driversTask, smallTask]);

        var report = ReportAssembly.Assemble(reportRequest, reportTasks.Select(t => t.Result).ToList(),
            [trendTask.Result]);
        var small = smallTask.Result;
        logger?.LogInformation("Overview {From:O}–{To:O} ({Zone}): {Milliseconds} ms, read from the {Path}",
            period.From, period.To, period.TimeZone.Id, watch.ElapsedMilliseconds,
            fromRollups ? "rollups" : "raw rows");
        // Surveys without a ticket have no channel: they count in the totals, not in a channel's bar.
        return new OverviewNumbers(report, small.Channels.Where(g => g.Key is not null).ToList(), small.Targets,
            small.Split, small.Waits, driversTask.Result);
    }

    private static List<string> Of(params KpiSource[] sources) =>
        KpiRegistry.All.Where(k => sources.Contains(k.Source)).Select(k => k.Key).ToList();

    private async Task<T> RunAsync<T>(Func<KpiDbContext, Task<T>> query, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await query(context);
    }
}
