using System.Globalization;
using System.Linq.Expressions;
using CsKpi.Core.Data;
using CsKpi.Core.Model;

namespace CsKpi.Core.Kpis;

/// <summary>An NPS or eNPS period split into promoters (9–10), passives (7–8) and detractors (0–6).</summary>
public sealed record NetScoreSplit(long Promoters, long Passives, long Detractors)
{
    public long Responses => Promoters + Passives + Detractors;
}

/// <summary>
/// Survey numbers the report does not carry, measured like the report's (from the daily rollups when they hold the
/// period, else in one aggregate over the responses) with the report's filters.
/// </summary>
public sealed class SurveyBreakdowns(KpiDbContext db, bool useRollups = true)
{
    /// <summary>Promoters (9–10), passives (7–8) and detractors (0–6) of NPS and eNPS, as measures over responses (the rollups hold them as well).</summary>
    internal static readonly IReadOnlyDictionary<SurveyKind, List<LambdaExpression>> Splits = new Dictionary<SurveyKind, List<LambdaExpression>>
    {
        [SurveyKind.Nps] =
        [
            Measure(g => g.Count(s => s.Kind == SurveyKind.Nps && s.Score >= KpiMath.PromoterFrom)),
            Measure(g => g.Count(s => s.Kind == SurveyKind.Nps && s.Score > KpiMath.DetractorTo && s.Score < KpiMath.PromoterFrom)),
            Measure(g => g.Count(s => s.Kind == SurveyKind.Nps && s.Score <= KpiMath.DetractorTo)),
        ],
        [SurveyKind.Enps] =
        [
            Measure(g => g.Count(s => s.Kind == SurveyKind.Enps && s.Score >= KpiMath.PromoterFrom)),
            Measure(g => g.Count(s => s.Kind == SurveyKind.Enps && s.Score > KpiMath.DetractorTo && s.Score < KpiMath.PromoterFrom)),
            Measure(g => g.Count(s => s.Kind == SurveyKind.Enps && s.Score <= KpiMath.DetractorTo)),
        ],
    };

    public async Task<NetScoreSplit> NetScoreSplitAsync(ReportPeriod period, KpiFilters filters, SurveyKind kind = SurveyKind.Nps,
        CancellationToken cancellationToken = default)
    {
        var measures = Splits.TryGetValue(kind, out var split) ? split : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only NPS and eNPS split into promoters, passives and detractors.");
        var counts = await new KpiReports(db) { UseRollups = useRollups }.TotalsAsync(KpiSource.Surveys, period, filters, measures, cancellationToken);
        return new NetScoreSplit((long)(counts[0] ?? 0), (long)(counts[1] ?? 0), (long)(counts[2] ?? 0));
    }

    private static Expression<Func<IEnumerable<SurveyResponse>, double?>> Measure(Expression<Func<IEnumerable<SurveyResponse>, double?>> measure) => measure;
}

/// <summary>
/// Privacy (kpis.md): a survey number from fewer than 5 responses could identify the people behind it, so it is
/// hidden — eNPS and every survey breakdown alike.
/// </summary>
public static class SurveyPrivacy
{
    public const int MinimumResponses = 5;

    public static bool Hides(Kpi kpi, long responses) => kpi.Source == KpiSource.Surveys && responses is > 0 and < MinimumResponses;

    public static bool Hides(long responses) => responses is > 0 and < MinimumResponses;

    /// <summary>The value with survey numbers (current and previous) from fewer than 5 responses hidden.</summary>
    public static KpiValue Apply(Kpi kpi, KpiValue value)
    {
        if (Hides(kpi, value.Count))
            value = value with { Value = null };
        if (Hides(kpi, value.PreviousCount ?? 0))
            value = value with { Previous = null };
        return value;
    }

    /// <summary>The report as people may see it: hidden survey numbers are null, and a note says why.</summary>
    public static KpiReport Apply(KpiReport report)
    {
        var hidden = false;
        IReadOnlyDictionary<string, KpiValue> Hide(IReadOnlyDictionary<string, KpiValue> kpis) => kpis.ToDictionary(k => k.Key, k =>
        {
            var visible = Apply(KpiRegistry.Get(k.Key), k.Value);
            hidden |= visible != k.Value;
            return visible;
        });
        var kpis = Hide(report.Kpis);
        var groups = report.Groups?.Select(g => g with { Kpis = Hide(g.Kpis) }).ToList();
        return report with
        {
            Kpis = kpis,
            Groups = groups,
            Notes = hidden
                ? [.. report.Notes, new ReportNote(ReportNoteCode.SurveysHidden, MinimumResponses.ToString(CultureInfo.InvariantCulture))]
                : report.Notes,
        };
    }
}
