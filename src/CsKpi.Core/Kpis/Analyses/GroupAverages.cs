using CsKpi.Core.Kpis.Reports;

namespace CsKpi.Core.Kpis.Analyses;

/// <summary>
/// An additive KPI of a group (a team, the company) as a member is compared with it: the group's total, its members
/// with records, and the total per member (issue #19 point 2).
/// </summary>
public sealed record GroupAverage(double? Total, int Members)
{
    /// <summary>The group's total / its members; null without members or data.</summary>
    public double? PerMember => Members > 0 && Total is { } total ? total / Members : null;
}

/// <summary>
/// The members of a group for an additive KPI are the agents (or teams) with at least one of the KPI's records in the
/// period under the group's filters — tickets created for volume, complaints and returns, interactions started for
/// time with customer — found by breaking the group down by agent (team) and keeping the rows with a value. Records
/// without an agent (team) count in the group's total but add no member (docs/decisions.md).
/// </summary>
public static class GroupAverages
{
    public static async Task<IReadOnlyDictionary<string, GroupAverage>> OfAsync(KpiReports reports,
        ReportPeriod period, KpiFilters group, Grouping members, IReadOnlyDictionary<string, KpiValue> totals,
        CancellationToken cancellationToken = default)
    {
        var additive = KpiRegistry.All.Where(k => k.Additive && k.FiltersApply).ToList();
        var rows = await reports.GroupsAsync(new KpiRequest(period, group, members), [.. additive.Select(k => k.Key)],
            cancellationToken);
        return additive.ToDictionary(k => k.Key, k => new GroupAverage(totals[k.Key].Value,
            rows.Count(r => r.Key is not null && r.Kpis[k.Key].Value is not null)));
    }
}
