using CsKpi.Core.Data;
using CsKpi.Core.Kpis.Reports;

namespace CsKpi.Core.Kpis.Analyses;

/// <summary>
/// One KPI of a benchmark: the subject's value with its previous period, the same period a year earlier, and the
/// comparison group's value (the company for a team, the team for an agent) — for an additive KPI the group's average
/// per member, its total in <see cref="GroupTotal"/>. Survey privacy applies to each.
/// </summary>
public sealed record BenchmarkLine(Kpi Kpi, KpiValue Value, double? YearEarlier, double? Group)
{
    /// <summary>An additive KPI's group total and members (<see cref="Group"/> is then the per-member average).
    /// </summary>
    public GroupAverage? GroupTotal { get; init; }

    public double? ChangeFromPrevious => KpiDisplay.Change(Value.Value, Value.Previous);
    public double? ChangeFromYearEarlier => KpiDisplay.Change(Value.Value, YearEarlier);
    public double? DifferenceFromGroup => KpiDisplay.Change(Value.Value, Group);
}

/// <summary>
/// Benchmarks (issue #7): team against company, agent against team, against the previous period and a year earlier.
/// </summary>
public sealed class Benchmarks(KpiDbContext db, KpiEngineOptions? options = null)
{
    /// <summary>
    /// Three reports of the period: the subject (with its previous period), a year earlier, and the group (null: none)
    /// whose <paramref name="members"/> (agents of a team, teams of the company) give additive KPIs' averages.
    /// </summary>
    public async Task<IReadOnlyList<BenchmarkLine>> CompareAsync(ReportPeriod period, KpiFilters subject,
        KpiFilters? group, Grouping members = Grouping.Agent, CancellationToken cancellationToken = default)
    {
        var reports = new KpiReports(db, options);
        // Its columns are "vs previous period" and "vs a year earlier", whatever the page compares with.
        period = period with { Comparison = Comparison.Previous };
        var now = await reports.RunAsync(new KpiRequest(period, subject), cancellationToken);
        var yearEarlier = await reports.RunAsync(new KpiRequest(period.YearEarlier, subject), cancellationToken);
        var others = group is null ? null : await reports.RunAsync(new KpiRequest(period, group), cancellationToken);
        var averages = group is null || others is null ? null
            : await GroupAverages.OfAsync(reports, period, group, members, others.Kpis, cancellationToken);
        return KpiRegistry.All
            .Where(k => k.FiltersApply || !subject.Any)
            .Select(k =>
            {
                var average = averages?.GetValueOrDefault(k.Key);
                return new BenchmarkLine(k,
                    SurveyPrivacy.Apply(k, now.Kpis[k.Key]),
                    SurveyPrivacy.Apply(k, yearEarlier.Kpis[k.Key]).Value,
                    average is not null ? average.PerMember
                    : others is null ? null : SurveyPrivacy.Apply(k, others.Kpis[k.Key]).Value)
                {
                    GroupTotal = average,
                };
            })
            .ToList();
    }
}
