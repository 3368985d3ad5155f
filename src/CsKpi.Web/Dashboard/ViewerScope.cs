using CsKpi.Core.Kpis;

namespace CsKpi.Web.Dashboard;

/// <summary>
/// What the person looking at the dashboard may see: the one seam every dashboard page asks. Until sign-in arrives
/// everyone sees everything and "My stats" names its agent with <c>?agent=</c>; the sign-in branch replaces the
/// internals with the user's role and claims (an agent: their own numbers and their team's aggregate only).
/// </summary>
public sealed class ViewerScope(IHttpContextAccessor http)
{
    /// <summary>The agent whose "My stats" this viewer sees (source id), or null when they are not an agent.</summary>
    public string? OwnAgentId =>
        http.HttpContext?.Request.Query["agent"].FirstOrDefault() is { } agent && !string.IsNullOrWhiteSpace(agent) ? agent.Trim() : null;

    /// <summary>The filters this viewer may see for the filters they asked for, or null when they may not see them at all.</summary>
    public KpiFilters? Restrict(KpiFilters requested) => requested;
}
