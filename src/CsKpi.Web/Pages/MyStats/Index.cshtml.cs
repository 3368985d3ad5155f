using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Web.Accounts;
using CsKpi.Web.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CsKpi.Web.Pages.MyStats;

/// <summary>
/// An agent's own KPIs next to their team's aggregate and the targets, with their CSAT, AHT and first-response trends.
/// Agents land on their own numbers (asking for another agent's is refused); managers choose the agent.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public class IndexModel(KpiDbContext db, KpiReports reports, DashboardContext dashboard,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public static readonly IReadOnlyList<string> TrendKpis =
        [KpiRegistry.Csat, KpiRegistry.Aht, KpiRegistry.FirstResponseMedian];

    public FilterBar Filters { get; private set; } = null!;
    public AgentChoice? Agent { get; private set; }
    public IReadOnlyList<AgentChoice> Agents { get; private set; } = [];
    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public IReadOnlyList<ChartData> Trends { get; private set; } = [];

    /// <summary>One KPI: the agent's card (value, change, target status) and the team's value.</summary>
    public sealed record Line(KpiCard Mine, KpiValue Team);

    public async Task<IActionResult> OnGetAsync([FromQuery] DashboardQuery query, CancellationToken cancellationToken)
    {
        var viewer = dashboard.Viewer;
        if (!viewer.SeesEverything && viewer.LinkedAgentId is null)
            return Page(); // an agent user not linked to an agent record: the page says so
        var own = viewer.SeesEverything ? query.Agent : query.Agent ?? viewer.LinkedAgentId;
        if (await dashboard.ResolveAsync(query with { Agent = own }, cancellationToken) is not { } view)
            return StatusCode(StatusCodes.Status403Forbidden);
        var choices = await dashboard.ChoicesAsync(cancellationToken);
        Filters = new FilterBar(query, view, choices)
        {
            ShowAgent = false,
            ShowTeam = false,
            Hidden = own is null ? new Dictionary<string, string>() : new() { ["agent"] = own },
        };
        Agents = viewer.SeesEverything ? choices.Agents : [];
        Agent = choices.Agents.FirstOrDefault(a => a.SourceId == own);
        if (Agent is null)
            return Page();

        // The agent's numbers, and their team's aggregate with the same period and channel/category filters.
        var mine = view.Filters with { Agent = Agent.SourceId, Team = null };
        var team = view.Filters with { Agent = null, Team = Agent.Team };
        var report = await reports.RunAsync(new KpiRequest(view.Period, mine, view.TrendGrouping), cancellationToken);
        var teamReport = Agent.Team is null
            ? null
            : await reports.RunAsync(new KpiRequest(view.Period, team), cancellationToken);
        var targets = await KpiTargets.LoadAsync(db, cancellationToken);
        var extents = await dashboard.ExtentsAsync(cancellationToken);

        Lines = KpiRegistry.All.Where(k => k.FiltersApply).Select(k => new Line(
            KpiCard.From(k, report, targets, team, extents),
            teamReport is null ? KpiValue.NoData : KpiCard.Visible(k, teamReport.Kpis[k.Key]))).ToList();
        var labels = (report.Groups ?? []).Select(g => g.Label ?? "").ToList();
        var partial = TrendPartials.Of(view, report.Groups ?? []);
        Trends = TrendKpis.Select(KpiRegistry.Get).Select(k => new ChartData("trend-" + k.Key,
            t["My {0} by {1}", t[k.Name], t[view.Bucket.ToString().ToLowerInvariant()]].Value, "trend", labels,
            [new ChartSeries(t[k.Name].Value, Lines.First(l => l.Mine.Kpi == k).Mine.Spark)])
        {
            Kpi = k,
            Partial = partial.Contains(true) ? partial : null,
            // A point opens the agent's own records of that bucket.
            Links = [.. (report.Groups ?? [])
                .Select(g => RecordLinks.ForBucket(Url, query, view, k, g.Key, ("agent", Agent.SourceId)))],
        }).ToList();
        return Page();
    }
}
