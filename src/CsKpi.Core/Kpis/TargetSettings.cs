using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis;

/// <summary>A target that cannot be set, with the reason.</summary>
public sealed class TargetException(string format, params object[] arguments)
    : TranslatableException(format, arguments);

/// <summary>A target as Admin → Targets lists it.</summary>
public sealed record TargetSummary(int Id, Kpi Kpi, string? Team, Channel? Channel, double Value);

/// <summary>
/// Setting and removing targets (kpis.md "Targets"): one per KPI and scope — the company, one team or one channel.
/// Values are in the KPI's own unit: percent 0–100, seconds, scores, counts.
/// </summary>
public sealed class TargetSettings(KpiDbContext db)
{
    public async Task<IReadOnlyList<TargetSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var targets = await db.Targets.AsNoTracking().Include(t => t.Team).ToListAsync(cancellationToken);
        return targets
            .Select(t => new TargetSummary(t.Id, KpiRegistry.Get(t.KpiKey), t.Team?.Name, t.Channel, t.Value))
            .OrderBy(t => KpiRegistry.All.ToList().IndexOf(t.Kpi)).ThenBy(t => t.Team).ThenBy(t => t.Channel)
            .ToList();
    }

    /// <summary>Sets (adds or replaces) the target of a KPI for the company, a team or a channel.</summary>
    public async Task SetAsync(string kpiKey, string? team, Channel? channel, double value,
        CancellationToken cancellationToken = default)
    {
        var kpi = KpiRegistry.All.FirstOrDefault(k => k.Key == kpiKey)
            ?? throw new TargetException("Unknown KPI '{0}'.", kpiKey);
        team = string.IsNullOrWhiteSpace(team) ? null : team.Trim();
        if (team is not null && channel is not null)
        {
            throw new TargetException(
                "A target is for the company, one team or one channel — not a team and a channel at once.");
        }
        if ((team is not null || channel is not null) && !kpi.FiltersApply)
            throw new TargetException("{0} is company-wide: its target cannot be for a team or channel.", kpi.Name);
        Check(kpi, value);
        if (channel is { } listed && !(await ChannelList.LoadAsync(db, cancellationToken)).Contains(listed))
            throw new TargetException("Unknown channel '{0}'.", listed.Code());
        int? teamId = null;
        if (team is not null)
        {
            teamId = await db.Teams.Where(t => t.Name == team).Select(t => (int?)t.Id)
                    .FirstOrDefaultAsync(cancellationToken)
                ?? throw new TargetException("Unknown team '{0}'.", team);

        }

        var existing = await db.Targets.FirstOrDefaultAsync(
            t => t.KpiKey == kpi.Key && t.TeamId == teamId && t.Channel == channel, cancellationToken);
        if (existing is null)
            db.Targets.Add(new Target { KpiKey = kpi.Key, TeamId = teamId, Channel = channel, Value = value });
        else
            existing.Value = value;
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<int> RemoveAsync(int id, CancellationToken cancellationToken = default) =>
        db.Targets.Where(t => t.Id == id).ExecuteDeleteAsync(cancellationToken);

    /// <summary>The values a KPI can take: a target outside them could never be met (or never missed).</summary>
    private static void Check(Kpi kpi, double value)
    {
        if (!double.IsFinite(value))
            throw new TargetException("The target must be a number.");
        var (min, max) = kpi.Unit switch
        {
            KpiUnit.Percent => (0d, 100d),
            KpiUnit.Score when kpi.Formula == KpiFormula.Percent => (-100d, 100d), // NPS, eNPS
            KpiUnit.Score => (0d, 10d), // CSAT average, CES: the survey's scale
            _ => (0d, double.MaxValue),
        };
        if (value < min || value > max)
        {
            throw new TargetException(
                max == double.MaxValue
                    ? "{0} cannot be negative."
                    : "{0} runs from {1} to {2}: {3} cannot be a target.",
                kpi.Name, min, max, value);
        }
    }
}
