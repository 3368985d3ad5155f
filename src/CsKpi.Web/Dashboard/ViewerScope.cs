using System.Security.Claims;
using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Web.Dashboard;

/// <summary>
/// What the person looking at the dashboard may see: the one seam every dashboard page asks, on the server, whatever
/// the URL says. Managers and admins see everything; an agent sees their own numbers and their team's aggregate —
/// a query for another agent or another team (or the whole company) is refused.
/// </summary>
public sealed class ViewerScope(IHttpContextAccessor http, KpiDbContext db)
{
    private ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();

    /// <summary>Managers and admins: every team, agent and export.</summary>
    public bool SeesEverything => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Manager);

    /// <summary>The source id of the agent record this user is linked to, or null.</summary>
    public string? LinkedAgentId => User.FindFirstValue(CsKpiClaims.AgentId);

    /// <summary>The filters as asked when this viewer may see them; null when they may not.</summary>
    public async Task<KpiFilters?> RestrictAsync(KpiFilters requested, CancellationToken cancellationToken)
    {
        if (SeesEverything)
            return requested;
        if (LinkedAgentId is not { } own || (requested.Agent is not null && requested.Agent != own))
            return null;
        if (requested.Agent is null && requested.Team is null)
            return null; // company-wide numbers are for managers
        if (requested.Team is not null && requested.Team != await OwnTeamAsync(own, cancellationToken))
            return null;
        return requested;
    }

    /// <summary>
    /// The filters of a record list or export as this viewer may see them; null when they may not. Records name
    /// people and their customers' answers, so an agent's are always their own, whatever team, channel or category
    /// they ask for: their team's aggregate is theirs to see, their teammates' records are not.
    /// </summary>
    public Task<KpiFilters?> RestrictRecordsAsync(KpiFilters requested, CancellationToken cancellationToken) =>
        RestrictAsync(SeesEverything ? requested : requested with { Agent = requested.Agent ?? LinkedAgentId },
            cancellationToken);

    /// <summary>
    /// Whether this viewer may ask about this team and agent at all, asked before anything says whether they exist:
    /// an agent gets the same refusal for a made-up agent or team as for a real colleague's.
    /// </summary>
    public async Task<bool> MayAskAboutAsync(string? team, string? agent, CancellationToken cancellationToken) =>
        SeesEverything
        || await RestrictAsync(new KpiFilters(Named(team), Named(agent), null, null), cancellationToken) is not null;

    /// <summary>Grouping by team or agent would show other people's numbers: managers only.</summary>
    public bool MayGroupBy(Grouping? grouping) => SeesEverything || grouping is not (Grouping.Team or Grouping.Agent);

    private static string? Named(string? name) => string.IsNullOrWhiteSpace(name) ? null : name;

    private Task<string?> OwnTeamAsync(string agent, CancellationToken cancellationToken) =>
        db.Agents.Where(a => a.SourceId == agent).Select(a => a.Team == null ? null : a.Team.Name)
            .FirstOrDefaultAsync(cancellationToken);
}
