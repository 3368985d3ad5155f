using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Core.Kpis.Analyses;
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
    /// <summary>The query as asked, so choosing another agent keeps the period and filters.</summary>
    public DashboardQuery Query { get; private set; } = new();
    /// <summary>The viewer's own numbers ("My KPIs"), not an agent a manager chose.</summary>
    public bool Own { get; private set; }

    /// <summary>
    /// One KPI: the agent's card (value, change, target status) and the team's value — for an additive KPI the team's
    /// average per agent, with the team's total and agents in <see cref="TeamTotal"/> (issue #19 point 2).
    /// </summary>
    public sealed record Line(KpiCard Mine, KpiValue Team)
    {
        public GroupAverage? TeamTotal { get; init; }

        public bool Averaged => TeamTotal is not null;

        public double? Difference => KpiDisplay.Change(Mine.Value.Value, Team.Value);
    }

    public async Task<IActionResult> OnGetAsync([FromQuery] DashboardQuery query, CancellationToken cancellationToken)
    {
        var viewer = dashboard.Viewer;
        if (!viewer.SeesEverything && viewer.LinkedAgentId is null)
            return Page(); // an agent user not linked to an agent record: the page says so
        var own = viewer.SeesEverything ? query.Agent : query.Agent ?? viewer.LinkedAgentId;
        Query = query;
        Own = own is not null && own == viewer.LinkedAgentId;
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
        var averages = teamReport is null ? null
            : await GroupAverages.OfAsync(reports, view.Period, team, Grouping.Agent, teamReport.Kpis,
                cancellationToken);

        Lines = KpiRegistry.All.Where(k => k.FiltersApply).Select(k =>
        {
            var average = averages?.GetValueOrDefault(k.Key);
            var teamValue = teamReport is null ? KpiValue.NoData : KpiCard.Visible(k, teamReport.Kpis[k.Key]);
            return new Line(KpiCard.From(k, report, targets, team, extents),
                average is null ? teamValue : new KpiValue(average.PerMember, average.Members))
            {
                TeamTotal = average,
            };
        }).ToList();
        var labels = BucketLabels.For(report.Groups ?? [], view.Bucket, view.Period);
        var partial = TrendPartials.Of(view, report.Groups ?? []);
        var bucket = t[view.Bucket.ToString().ToLowerInvariant()];
        Trends = TrendKpis.Select(KpiRegistry.Get).Select(k => new ChartData("trend-" + k.Key,
            (Own ? t["My {0} by {1}", t[k.Name], bucket] : t["{0} of {1} by {2}", t[k.Name], Agent.Label, bucket])
                .Value, "trend", labels,
            [new ChartSeries(t[k.Name].Value, Lines.First(l => l.Mine.Kpi == k).Mine.Spark)])
        {
            Kpi = k,
            YTitle = t[k.Name].Value,
            Gap = TrendGaps.For(k, report.Groups ?? [], view.Bucket, query, Url, "/MyStats/Index", t),
            Partial = partial.Contains(true) ? partial : null,
            // A point opens the agent's own records of that bucket.
            Links = [.. (report.Groups ?? [])
                .Select(g => RecordLinks.ForBucket(Url, query, view, k, g.Key, ("agent", Agent.SourceId)))],
        }).ToList();
        return Page();
    }
}
