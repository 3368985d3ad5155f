using CsKpi.Core.Kpis;
using CsKpi.Web.Accounts;
using CsKpi.Web.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CsKpi.Web.Pages.Backlog;

/// <summary>
/// The backlog (tickets open at the end of each bucket, and their median age) and created vs solved (ticket volume
/// and tickets solved per bucket): the service-levels.md KPIs, from one report.
/// </summary>
[Authorize(Policy = Policies.Managers)]
public class IndexModel(KpiReports reports, DashboardContext dashboard, IStringLocalizer<SharedResource> t)
    : PageModel
{
    public static readonly IReadOnlyList<string> Kpis =
        [KpiRegistry.Backlog, KpiRegistry.BacklogAgeMedian, KpiRegistry.TicketVolume, KpiRegistry.TicketsSolved];

    public DashboardQuery Query { get; private set; } = new();
    public FilterBar Filters { get; private set; } = null!;
    public KpiReport Report { get; private set; } = null!;
    public ChartData BacklogChart { get; private set; } = null!;
    public ChartData CreatedSolvedChart { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery] DashboardQuery query, CancellationToken cancellationToken)
    {
        if (await dashboard.ResolveAsync(query, cancellationToken) is not { } view)
            return StatusCode(StatusCodes.Status403Forbidden);
        Query = query;
        Filters = new FilterBar(query, view, await dashboard.ChoicesAsync(cancellationToken))
        {
            Hidden = query.Bucket is { Length: > 0 } chosen
                ? new Dictionary<string, string> { ["bucket"] = chosen }
                : new Dictionary<string, string>(),
        };
        var trend = Enum.Parse<Grouping>(view.Bucket.ToString());
        Report = await reports.RunAsync(new KpiRequest(view.Period, view.Filters, trend), Kpis, cancellationToken);
        var groups = Report.Groups ?? [];
        var labels = groups.Select(g => g.Label ?? "").ToList();
        ChartSeries Series(string key) =>
            new(t[KpiRegistry.Get(key).Name].Value, groups.Select(g => g.Kpis[key].Value).ToList());
        BacklogChart = new ChartData("backlog", t["Open tickets at the end of each bucket"].Value, "trend", labels,
            [Series(KpiRegistry.Backlog)])
        {
            Kpi = KpiRegistry.Get(KpiRegistry.Backlog),
        };
        CreatedSolvedChart = new ChartData("created-solved", t["Created vs solved"].Value, "trend", labels,
            [Series(KpiRegistry.TicketVolume), Series(KpiRegistry.TicketsSolved)])
        {
            Kpi = KpiRegistry.Get(KpiRegistry.TicketVolume),
        };
        return Page();
    }

    /// <summary>The same view by another bucket.</summary>
    public Dictionary<string, string?> RouteFor(TimeBucket bucket) =>
        (Query with { Bucket = bucket.ToString().ToLowerInvariant() }).RouteValues();
}
