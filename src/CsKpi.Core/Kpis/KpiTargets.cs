using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis;

/// <summary>
/// The targets admins set (kpis.md "Targets"), read once per request: the most specific one applies — the filtered
/// team's, else the filtered channel's, else the company's.
/// </summary>
public sealed class KpiTargets(IReadOnlyList<Target> targets)
{
    public static async Task<KpiTargets> LoadAsync(KpiDbContext db, CancellationToken cancellationToken = default) =>
        new(await db.Targets.AsNoTracking().Include(t => t.Team).ToListAsync(cancellationToken));

    public double? For(string kpiKey, KpiFilters filters)
    {
        var forKpi = targets.Where(t => t.KpiKey == kpiKey).ToList();
        return (filters.Team is { } team ? forKpi.FirstOrDefault(t => t.Team?.Name == team) : null)?.Value
            ?? (filters.Channel is { } channel ? forKpi.FirstOrDefault(t => t.Channel == channel) : null)?.Value
            ?? forKpi.FirstOrDefault(t => t.TeamId is null && t.Channel is null)?.Value;
    }

    public TargetStatus? Status(Kpi kpi, double? value, KpiFilters filters) =>
        KpiMath.Status(value, For(kpi.Key, filters), kpi.Direction);
}
