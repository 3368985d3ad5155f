using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Core.Kpis.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Dashboard;

/// <summary>
/// What every dashboard page starts from: the query made usable for this viewer, and the choices of the filter bar.
/// </summary>
public sealed class DashboardContext(KpiDbContext db, ViewerScope viewer, IOptions<OrganizationOptions> organization,
    IOptions<ReportBounds> bounds, TimeProvider clock, DashboardCache cache)
{
    public ViewerScope Viewer => viewer;

    /// <summary>The query's period and filters as this viewer may see them; null when they may not.</summary>
    public Task<ResolvedQuery?> ResolveAsync(DashboardQuery query, CancellationToken cancellationToken) =>
        ResolveAsync(query, viewer.RestrictAsync, cancellationToken);

    /// <summary>The same for a record list or export: an agent's are their own only (see ViewerScope).</summary>
    public Task<ResolvedQuery?> ResolveRecordsAsync(DashboardQuery query, CancellationToken cancellationToken) =>
        ResolveAsync(query, viewer.RestrictRecordsAsync, cancellationToken);

    private async Task<ResolvedQuery?> ResolveAsync(DashboardQuery query,
        Func<KpiFilters, CancellationToken, Task<KpiFilters?>> restrict, CancellationToken cancellationToken)
    {
        var channels = await ChannelList.LoadAsync(db, cancellationToken);
        var resolved = query.Resolve(organization.Value.TimeZoneInfo, clock.GetUtcNow(), bounds.Value, channels);
        return await restrict(resolved.Filters, cancellationToken) is { } filters
            ? resolved with { Filters = filters } : null;
    }

    /// <summary>
    /// The first and last record of each source, in the organisation's zone: cached per data version, so an import
    /// is seen by the next request.
    /// </summary>
    public async Task<IReadOnlyDictionary<KpiSource, RecordExtent>> ExtentsAsync(CancellationToken cancellationToken)
    {
        var version = await DataVersion.CurrentAsync(db, cancellationToken);
        var zone = organization.Value.TimeZoneInfo;
        return await cache.GetOrCreateAsync($"record-extents:{version}:{zone.Id}", TimeSpan.FromMinutes(10),
            async token => await RecordExtents.LoadAsync(db, zone, token), cancellationToken);
    }

    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken) => Database.IsEmptyAsync(db, cancellationToken);

    /// <summary>Survey dimensions' display names in the viewer's language (Admin → Dimensions).</summary>
    public Task<DimensionNames> DimensionNamesAsync(CancellationToken cancellationToken) =>
        DimensionNames.LoadAsync(db, cancellationToken);

    /// <summary>Every agent by name, then id, with their team.</summary>
    public async Task<IReadOnlyList<AgentChoice>> AgentsAsync(CancellationToken cancellationToken) =>
        await db.Agents.OrderBy(a => a.Name).ThenBy(a => a.SourceId)
            .Select(a => new AgentChoice(a.SourceId, a.Name, a.Team == null ? null : a.Team.Name))
            .ToListAsync(cancellationToken);

    public async Task<FilterChoices> ChoicesAsync(CancellationToken cancellationToken)
    {
        var teams = await db.Teams.OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(cancellationToken);
        var agents = await AgentsAsync(cancellationToken);
        // Categories take a scan of every ticket: cached for a few minutes, new ones appear soon enough.
        var categories = await cache.GetOrCreateAsync("dashboard-categories", TimeSpan.FromMinutes(5),
            async token => await db.Tickets.Where(t => t.Category != null).Select(t => KpiSql.Lower(t.Category)!)
                .Distinct().OrderBy(c => c).ToListAsync(token), cancellationToken);
        return new FilterChoices(teams, agents, categories, await ChannelNames.LoadAsync(db, cancellationToken));
    }
}

public sealed record AgentChoice(string SourceId, string Name, string? Team)
{
    /// <summary>"name (id)": names repeat (three Eva Rossi), ids don't.</summary>
    public string Label => LabelOf(Name, SourceId);

    /// <summary>An agent as the dashboard writes one: "name (id)", or the id alone when it is the name.</summary>
    public static string LabelOf(string name, string sourceId) => name == sourceId ? name : $"{name} ({sourceId})";
}

public sealed record FilterChoices(
    IReadOnlyList<string> Teams, IReadOnlyList<AgentChoice> Agents, IReadOnlyList<string> Categories,
    ChannelNames Channels);
