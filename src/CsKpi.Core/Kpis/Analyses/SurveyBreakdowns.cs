using CsKpi.Core.Data;
using CsKpi.Core.Kpis.Reports;
using CsKpi.Core.Model;

namespace CsKpi.Core.Kpis.Analyses;

/// <summary>
/// Survey numbers the report does not carry, measured like the report's (from the daily rollups when they hold the
/// period, else in one aggregate over the responses) with the report's filters.
/// </summary>
public sealed class SurveyBreakdowns(KpiDbContext db, KpiEngineOptions? options = null)
{
    public async Task<NetScoreSplit> NetScoreSplitAsync(ReportPeriod period, KpiFilters filters,
        SurveyKind kind = SurveyKind.Nps, CancellationToken cancellationToken = default)
    {
        var measures = NetScoreSplits.Measures.TryGetValue(kind, out var split)
            ? split
            : throw new ArgumentOutOfRangeException(nameof(kind), kind,
                "Only NPS and eNPS split into promoters, passives and detractors.");
        var counts = await new KpiReports(db, options)
            .TotalsAsync(KpiSource.Surveys, period, filters, measures, cancellationToken);
        return new NetScoreSplit((long)(counts[0] ?? 0), (long)(counts[1] ?? 0), (long)(counts[2] ?? 0));
    }
}
