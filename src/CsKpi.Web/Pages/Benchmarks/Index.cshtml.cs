using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Web.Accounts;
using CsKpi.Web.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CsKpi.Web.Pages.Benchmarks;

/// <summary>
/// Benchmarks: a team against the company, an agent against their team, and either against the previous period and
/// the same period a year earlier. Agents benchmark themselves against their team only.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public class IndexModel(KpiDbContext db, Core.Kpis.Analyses.Benchmarks benchmarks, DashboardContext dashboard,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public FilterBar Filters { get; private set; } = null!;
    public string Subject { get; private set; } = "";
    public string? Group { get; private set; }
    /// <summary>How an additive KPI's group value reads: "average per agent" (a team) or "average per team".</summary>
    public string PerMember { get; private set; } = "";
    public IReadOnlyList<BenchmarkLine> Lines { get; private set; } = [];
    public KpiTargets Targets { get; private set; } = new([]);
    public KpiFilters Scope { get; private set; } = KpiFilters.None;
    /// <summary>The query as resolved for this viewer, for links to the records behind a value.</summary>
    public DashboardQuery Query { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync([FromQuery] DashboardQuery query, CancellationToken cancellationToken)
    {
        var viewer = dashboard.Viewer;
        if (!viewer.SeesEverything)
            query = query with { Agent = query.Agent ?? viewer.LinkedAgentId };
        if (await dashboard.ResolveAsync(query, cancellationToken) is not { } view)
            return StatusCode(StatusCodes.Status403Forbidden);
        var choices = await dashboard.ChoicesAsync(cancellationToken);
        Filters = new FilterBar(query, view, choices)
        {
            ShowTeam = viewer.SeesEverything,
            ShowAgent = viewer.SeesEverything,
        };

        // The subject's group: an agent's team, a team's company; the company has none.
        var filters = view.Filters;
        Subject = t["The company"].Value;
        KpiFilters? group = null;
        var members = Grouping.Agent;
        if (filters.Agent is { } agent)
        {
            var team = choices.Agents.FirstOrDefault(a => a.SourceId == agent)?.Team;
            Subject = choices.Agents.FirstOrDefault(a => a.SourceId == agent)?.Label ?? agent;
            PerMember = t["average per agent"].Value;
            filters = filters with { Team = null };
            group = team is null ? null : filters with { Agent = null, Team = team };
            Group = team is null ? null : t["Team {0}", team].Value;
        }
        else if (filters.Team is { } team)
        {
            Subject = t["Team {0}", team].Value;
            group = filters with { Team = null };
            Group = t["The company"].Value;
            (members, PerMember) = (Grouping.Team, t["average per team"].Value);
        }
        if (group is not null && await viewer.RestrictAsync(group, cancellationToken) is null)
            (group, Group) = (null, null);

        Scope = filters;
        Query = query;
        Targets = await KpiTargets.LoadAsync(db, cancellationToken);
        Lines = await benchmarks.CompareAsync(view.Period, filters, group, members, cancellationToken);
        return Page();
    }
}
