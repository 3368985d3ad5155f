using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Web.Accounts;
using CsKpi.Web.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Pages;

/// <summary>
/// The manager overview: a card per KPI and the charts, for the period and filters in the query string.
/// </summary>
[Authorize(Policy = Policies.Managers)]
public class IndexModel(IDbContextFactory<KpiDbContext> contexts, DashboardContext dashboard, DashboardCache cache,
    IOptions<KpiEngineOptions> engine, IStringLocalizer<SharedResource> t,
    ILogger<IndexModel> logger) : PageModel
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
        var (report, channels, targets, split, waits, drivers) = await NumbersAsync(view, cancellationToken);

        var extents = await dashboard.ExtentsAsync(cancellationToken);
        Cards = KpiRegistry.All.Select(k => KpiCard.From(k, report, targets, filters, extents)).ToList();
        Notes = report.Notes.Any(n => n.Code == ReportNoteCode.CustomersCompanyWide)
            ? [t["Churn and retention are company-wide: the filters do not apply to them."].Value] : [];
        Charts =
        [
            Trend(view, report, targets, t, query, Url),
            NpsSplit(split, t) with
            {
                Links = SurveyPrivacy.Hides(split.Responses)
                    ? null
                    : NetScoreGroups.Select(g => RecordLinks.For(Url, query, KpiRegistry.Nps, ("scores", g))).ToList(),
            },
            CsatByDimension(drivers, await dashboard.DimensionNamesAsync(cancellationToken), t) with
            {
                Links = drivers.Select(d => RecordLinks.For(Url, query, KpiRegistry.Csat, ("dimension", d.Dimension)))
                    .ToList(),
            },
            VolumeByChannel(channels, Filters.Choices.Channels, t) with
            {
                Links =
                [
                    .. channels.Select(g => RecordLinks.For(Url, query, KpiRegistry.TicketVolume, ("channel", g.Key))),
                ],
            },
            TimeWithCustomer(channels, Filters.Choices.Channels, targets, filters, t) with
            {
                Links =
                [
                    .. channels.Select(g =>
                        RecordLinks.For(Url, query, KpiRegistry.TimeWithCustomerAvg, ("channel", g.Key))),
                ],
            },
            FirstResponseWaits(waits, t) with
            {
                Links = waits.Select((_, i) => RecordLinks.For(Url, query, KpiRegistry.FirstResponseMedian,
                    ("wait", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList(),
            },
        ];
        return Page();
    }

    /// <summary>
    /// The numbers, cached per data version: every write to the KPI tables moves the version on, so an import is seen
    /// by the next request, and the morning rush asking the same views costs one small query each.
    /// </summary>
    private async Task<OverviewNumbers> NumbersAsync(ResolvedQuery view, CancellationToken cancellationToken)
    {
        var request = new OverviewRequest(view.Period, view.Filters, view.TrendGrouping);
        if (!cache.Enabled)
            return await new Overview(contexts, engine.Value, logger).GatherAsync(request, cancellationToken);
        long version;
        await using (var context = await contexts.CreateDbContextAsync(cancellationToken))
            version = await DataVersion.CurrentAsync(context, cancellationToken);
        var period = view.Period;
        var key = $"overview:{version}:{period.From:O}:{period.To:O}:{period.TimeZone.Id}:{period.Comparison}:"
            + $"{view.Filters}:{view.TrendGrouping}";
        return await cache.GetOrCreateAsync(key,
            async token => await new Overview(contexts, engine.Value, logger).GatherAsync(request, token),
            cancellationToken);
    }

    private static ChartData Trend(ResolvedQuery view, KpiReport report, KpiTargets targets, IStringLocalizer t,
        DashboardQuery query, IUrlHelper url)
    {
        var kpi = view.TrendKpi;
        var groups = report.Groups ?? [];
        var series = new List<ChartSeries>
        {
            new(t[kpi.Name].Value, groups.Select(g => KpiCard.Visible(kpi, g.Kpis[kpi.Key]).Value).ToList()),
        };
        if (targets.For(kpi.Key, view.Filters) is { } target)
        {
            series.Add(new ChartSeries(t["Target"].Value, groups.Select(_ => (double?)target).ToList())
            {
                Reference = true,
            });
        }
        var title = t["{0} by {1}", t[kpi.Name], t[view.Bucket.ToString().ToLowerInvariant()]].Value;
        var partial = TrendPartials.Of(view, groups);
        return new ChartData("trend", title, "trend", BucketLabels.For(groups, view.Bucket, view.Period), series)
        {
            Kpi = kpi,
            YTitle = t[kpi.Name].Value,
            Partial = partial.Contains(true) ? partial : null,
            Note = t["Empty buckets have no data and leave a gap rather than a zero."].Value
                + TrendPartials.Note(view.Bucket, groups, partial, t),
            Gap = TrendGaps.For(kpi, groups, view.Bucket, query, url, "/Index", t),
            Links = Drillthrough.Supports(kpi)
                ? groups.Select(g => RecordLinks.ForBucket(url, query, view, kpi, g.Key)).ToList()
                : null,
        };
    }

    /// <summary>The NPS split's bars as score ranges: promoters, passives, detractors (kpis.md).</summary>
    private static readonly string[] NetScoreGroups = ["9-10", "7-8", "0-6"];

    private static ChartData NpsSplit(NetScoreSplit split, IStringLocalizer t)
    {
        var hidden = SurveyPrivacy.Hides(split.Responses);
        double?[] counts = hidden ? [null, null, null] : [split.Promoters, split.Passives, split.Detractors];
        return new ChartData("nps-split", t["NPS: promoters, passives, detractors"].Value, "split",
            [t["Promoters (9–10)"].Value, t["Passives (7–8)"].Value, t["Detractors (0–6)"].Value],
            [new ChartSeries(t["Responses"].Value, counts)])
        {
            Unit = "responses",
            // Hidden is not "no data": the chart says the privacy rule, not the empty-chart sentence.
            Gap = hidden
                ? new ChartGap(t["Hidden: fewer than {0} responses could identify people.",
                    SurveyPrivacy.MinimumResponses].Value)
                : null,
            Note = split.Responses == 0 ? t["No NPS responses in the period."].Value : null,
        };
    }

    private static ChartData CsatByDimension(
        IReadOnlyList<DriverResult> drivers, DimensionNames names, IStringLocalizer t) =>
        new("csat-dimensions", t["CSAT by dimension (mean rating 1–5)"].Value, "bars",
            drivers.Select(d => names.Of(d.Dimension)).ToList(),
            [new ChartSeries(t["Mean rating"].Value, drivers.Select(d => d.Performance).ToList())])
        {
            Unit = "rating",
            Scale = ChartAxis.Rating,
            YTitle = t["Mean rating (1–5)"].Value,
            Note = drivers.Count == 0
                ? t["No dimension has {0} or more ratings on CSAT responses in the period.",
                    KeyDrivers.MinimumRatings].Value
                : t["Dimensions with at least {0} ratings", KeyDrivers.MinimumRatings].Value + ".",
        };

    private static ChartData VolumeByChannel(IReadOnlyList<KpiGroup> groups, ChannelNames names, IStringLocalizer t)
    {
        var volume = KpiRegistry.Get(KpiRegistry.TicketVolume);
        return new ChartData("volume-by-channel", t["Ticket volume by channel"].Value, "bars",
            groups.Select(g => names.Of(g.Key)).ToList(),
            [new ChartSeries(t[volume.Name].Value, groups.Select(g => g.Kpis[volume.Key].Value).ToList())])
        { Kpi = volume, YTitle = t["Number of tickets"].Value };
    }

    private static ChartData TimeWithCustomer(IReadOnlyList<KpiGroup> groups, ChannelNames names, KpiTargets targets,
        KpiFilters filters, IStringLocalizer t)
    {
        var talk = KpiRegistry.Get(KpiRegistry.TimeWithCustomerAvg);
        var channelTargets = groups
            .Select(g => Channels.TryParse(g.Key, out var c)
                ? targets.For(talk.Key, filters with { Channel = c })
                : null)
            .ToList();
        return new ChartData("time-with-customer",
            t["Time with customer per interaction against the channel's target time"].Value, "bars",
            groups.Select(g => names.Of(g.Key)).ToList(),
            [
                new ChartSeries(t["Average talk time"].Value, groups.Select(g => g.Kpis[talk.Key].Value).ToList()),
                new ChartSeries(t["Target time"].Value, channelTargets),
            ])
        {
            Kpi = talk,
            YTitle = t["Average talk time"].Value,
            Note = channelTargets.All(target => target is null)
                ? t["No target time is set for any channel yet."].Value
                : null,
        };
    }

    private static ChartData FirstResponseWaits(IReadOnlyList<ResponseTimeBucket> waits, IStringLocalizer t) =>
        new("first-response", t["First response time distribution"].Value, "bars",
            waits.Select(w => t[w.Label].Value).ToList(),
            [new ChartSeries(t["Number of tickets"].Value, waits.Select(w => (double?)w.Tickets).ToList())])
        { Unit = "tickets", YTitle = t["Number of tickets"].Value };
}
