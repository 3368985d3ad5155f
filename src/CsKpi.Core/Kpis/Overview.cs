using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis;

/// <summary>What the overview shows, for one period, its filters and its trend grouping.</summary>
public sealed record OverviewRequest(ReportPeriod Period, KpiFilters Filters, Grouping Trend);

/// <summary>The overview's numbers, in no particular language: the report with its trend, channel bars, targets, NPS split, first-response waits, key drivers.</summary>
public sealed record OverviewNumbers(KpiReport Report, IReadOnlyList<KpiGroup> Channels, KpiTargets Targets, NetScoreSplit Split,
    IReadOnlyList<ResponseTimeBucket> Waits, IReadOnlyList<DriverResult> Drivers);

/// <summary>
/// Gathers the overview's numbers: independent parts side by side, each on its own (pooled) context, so the page
/// waits for the slowest part, not for the sum. The same code serves the page and <c>cskpi bench overview</c>.
/// </summary>
public sealed class Overview(IDbContextFactory<KpiDbContext> contexts)
{
    /// <summary>What the channel bars show: ticket volume, and time with the customer against the channel's target time.</summary>
    public static readonly IReadOnlyList<string> ChannelKpis = [KpiRegistry.TicketVolume, KpiRegistry.TimeWithCustomerAvg];

    public async Task<OverviewNumbers> GatherAsync(OverviewRequest request, CancellationToken cancellationToken = default)
    {
        var (period, filters) = (request.Period, request.Filters);
        // The report's totals and its trend are two halves of similar size: side by side too.
        var totalsTask = RunAsync(c => new KpiReports(c).RunAsync(new KpiRequest(period, filters), cancellationToken), cancellationToken);
        var trendTask = RunAsync(c => new KpiReports(c).GroupsAsync(new KpiRequest(period, filters, request.Trend), cancellationToken: cancellationToken), cancellationToken);
        // The channel bars need the groups only (the totals come with the report above), and only their two KPIs.
        var channelsTask = RunAsync(c => new KpiReports(c).GroupsAsync(new KpiRequest(period, filters, Grouping.Channel), ChannelKpis, cancellationToken), cancellationToken);
        var targetsTask = RunAsync(c => KpiTargets.LoadAsync(c, cancellationToken), cancellationToken);
        var splitTask = RunAsync(c => new SurveyBreakdowns(c).NetScoreSplitAsync(period, filters, SurveyKind.Nps, cancellationToken), cancellationToken);
        var waitsTask = RunAsync(c => new ResponseTimeDistribution(c).AnalyseAsync(period, filters, cancellationToken), cancellationToken);
        var driversTask = RunAsync(c => new KeyDrivers(c).AnalyseAsync(period, filters, cancellationToken), cancellationToken);
        await Task.WhenAll(totalsTask, trendTask, channelsTask, targetsTask, splitTask, waitsTask, driversTask);
        // Surveys without a ticket have no channel: they count in the totals, not in a channel's bar.
        var report = KpiReports.WithGroups(totalsTask.Result, request.Trend, trendTask.Result);
        return new OverviewNumbers(report, channelsTask.Result.Where(g => g.Key is not null).ToList(), targetsTask.Result,
            splitTask.Result, waitsTask.Result, driversTask.Result);
    }

    private async Task<T> RunAsync<T>(Func<KpiDbContext, Task<T>> query, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await query(context);
    }
}
