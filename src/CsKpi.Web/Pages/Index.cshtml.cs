using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Web.Accounts;
using CsKpi.Web.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CsKpi.Web.Pages;

/// <summary>The manager overview: a card per KPI and the charts, for the period and filters in the query string.</summary>
[Authorize(Policy = Policies.Managers)]
public class IndexModel(KpiDbContext db, DashboardContext dashboard) : PageModel
{
    public FilterBar Filters { get; private set; } = null!;
    public bool IsEmpty { get; private set; }
    public IReadOnlyList<KpiCard> Cards { get; private set; } = [];
    public IReadOnlyList<ChartData> Charts { get; private set; } = [];
    public IReadOnlyList<string> Notes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] DashboardQuery query, CancellationToken cancellationToken)
    {
        if (await dashboard.ResolveAsync(query, cancellationToken) is not { } view)
            return StatusCode(StatusCodes.Status403Forbidden);
        Filters = new FilterBar(query, view, await dashboard.ChoicesAsync(cancellationToken)) { ShowTrend = true };
        if (await dashboard.IsEmptyAsync(cancellationToken))
        {
            IsEmpty = true;
            return Page();
        }

        var (period, filters) = (view.Period, view.Filters);
        var reports = new KpiReports(db);
        var report = await reports.RunAsync(new KpiRequest(period, filters, view.TrendGrouping), cancellationToken);
        var byChannel = await reports.RunAsync(new KpiRequest(period, filters, Grouping.Channel), cancellationToken);
        // Surveys without a ticket have no channel: they count in the totals, not in a channel's bar.
        var channels = (byChannel.Groups ?? []).Where(g => g.Key is not null).ToList();
        var targets = await KpiTargets.LoadAsync(db, cancellationToken);
        var split = await new SurveyBreakdowns(db).NetScoreSplitAsync(period, filters, SurveyKind.Nps, cancellationToken);
        var waits = await new ResponseTimeDistribution(db).AnalyseAsync(period, filters, cancellationToken);
        var drivers = await new KeyDrivers(db).AnalyseAsync(period, filters, cancellationToken);

        Cards = KpiRegistry.All.Select(k => KpiCard.From(k, report, targets, filters)).ToList();
        Notes = report.Notes.Where(_ => filters.Any).Take(1).ToList();
        Charts =
        [
            Trend(view, report, targets),
            NpsSplit(split),
            CsatByDimension(drivers),
            VolumeByChannel(channels),
            TimeWithCustomer(channels, targets, filters),
            FirstResponseWaits(waits),
        ];
        return Page();
    }

    private static ChartData Trend(ResolvedQuery view, KpiReport report, KpiTargets targets)
    {
        var kpi = view.TrendKpi;
        var groups = report.Groups ?? [];
        var series = new List<ChartSeries> { new(kpi.Name, groups.Select(g => KpiCard.Visible(kpi, g.Kpis[kpi.Key]).Value).ToList()) };
        if (targets.For(kpi.Key, view.Filters) is { } target)
            series.Add(new ChartSeries("Target", groups.Select(_ => (double?)target).ToList()));
        return new ChartData("trend", $"{kpi.Name} by {view.Bucket.ToString().ToLowerInvariant()}", "trend", groups.Select(g => g.Label ?? "").ToList(), series)
        {
            Kpi = kpi,
            Note = "Empty buckets have no data and leave a gap rather than a zero.",
        };
    }

    private static ChartData NpsSplit(NetScoreSplit split)
    {
        var hidden = SurveyPrivacy.Hides(split.Responses);
        double?[] counts = hidden ? [null, null, null] : [split.Promoters, split.Passives, split.Detractors];
        return new ChartData("nps-split", "NPS: promoters, passives, detractors", "split", ["Promoters (9–10)", "Passives (7–8)", "Detractors (0–6)"],
            [new ChartSeries("Responses", counts)])
        {
            Unit = "responses",
            Note = hidden ? $"Hidden: fewer than {SurveyPrivacy.MinimumResponses} responses could identify people."
                : split.Responses == 0 ? "No NPS responses in the period." : null,
        };
    }

    private static ChartData CsatByDimension(IReadOnlyList<DriverResult> drivers) =>
        new("csat-dimensions", "CSAT by dimension (mean rating 1–5)", "bars", drivers.Select(d => d.Dimension).ToList(),
            [new ChartSeries("Mean rating", drivers.Select(d => d.Performance).ToList())])
        {
            Unit = "rating",
            Note = drivers.Count == 0
                ? $"No dimension has {KeyDrivers.MinimumRatings} or more ratings on CSAT responses in the period."
                : $"Dimensions with at least {KeyDrivers.MinimumRatings} ratings.",
        };

    private static ChartData VolumeByChannel(IReadOnlyList<KpiGroup> groups)
    {
        var volume = KpiRegistry.Get(KpiRegistry.TicketVolume);
        return new ChartData("volume-by-channel", "Ticket volume by channel", "bars", groups.Select(g => g.Label ?? "").ToList(),
            [new ChartSeries(volume.Name, groups.Select(g => g.Kpis[volume.Key].Value).ToList())])
        { Kpi = volume };
    }

    private static ChartData TimeWithCustomer(IReadOnlyList<KpiGroup> groups, KpiTargets targets, KpiFilters filters)
    {
        var talk = KpiRegistry.Get(KpiRegistry.TimeWithCustomerAvg);
        var channelTargets = groups.Select(g => Channels.TryParse(g.Key, out var c) ? targets.For(talk.Key, filters with { Channel = c }) : null).ToList();
        return new ChartData("time-with-customer", "Time with customer per interaction against the channel's target time", "bars",
            groups.Select(g => g.Label ?? "").ToList(),
            [new ChartSeries("Average talk time", groups.Select(g => g.Kpis[talk.Key].Value).ToList()), new ChartSeries("Target time", channelTargets)])
        {
            Kpi = talk,
            Note = channelTargets.All(t => t is null) ? "No target time is set for any channel yet." : null,
        };
    }

    private static ChartData FirstResponseWaits(IReadOnlyList<ResponseTimeBucket> waits) =>
        new("first-response", "First response time distribution", "bars", waits.Select(w => w.Label).ToList(),
            [new ChartSeries("Tickets", waits.Select(w => (double?)w.Tickets).ToList())])
        { Unit = "tickets" };
}
