using System.Linq.Expressions;
using CsKpi.Core.Model;

namespace CsKpi.Core.Kpis;

/// <summary>An NPS or eNPS period split into promoters (9–10), passives (7–8) and detractors (0–6).</summary>
public sealed record NetScoreSplit(long Promoters, long Passives, long Detractors)
{
    public long Responses => Promoters + Passives + Detractors;
}

/// <summary>
/// Promoters, passives and detractors of NPS and eNPS as measures over survey responses: defined once for the split
/// and the daily rollups that hold them.
/// </summary>
internal static class NetScoreSplits
{
    /// <remarks>The kinds are written out, not passed in: a measure's text names its kind (measures are compared by
    /// their text, and the rollups' layout is printed from it).</remarks>
    public static readonly IReadOnlyDictionary<SurveyKind, List<LambdaExpression>> Measures =
        new Dictionary<SurveyKind, List<LambdaExpression>>
        {
            [SurveyKind.Nps] =
            [
                Measure(g => g.Count(s => s.Kind == SurveyKind.Nps && s.Score >= KpiMath.PromoterFrom)),
                Measure(g => g.Count(s => s.Kind == SurveyKind.Nps
                    && s.Score > KpiMath.DetractorTo && s.Score < KpiMath.PromoterFrom)),
                Measure(g => g.Count(s => s.Kind == SurveyKind.Nps && s.Score <= KpiMath.DetractorTo)),
            ],
            [SurveyKind.Enps] =
            [
                Measure(g => g.Count(s => s.Kind == SurveyKind.Enps && s.Score >= KpiMath.PromoterFrom)),
                Measure(g => g.Count(s => s.Kind == SurveyKind.Enps
                    && s.Score > KpiMath.DetractorTo && s.Score < KpiMath.PromoterFrom)),
                Measure(g => g.Count(s => s.Kind == SurveyKind.Enps && s.Score <= KpiMath.DetractorTo)),
            ],
        };

    private static Expression<Func<IEnumerable<SurveyResponse>, double?>> Measure(
        Expression<Func<IEnumerable<SurveyResponse>, double?>> measure) => measure;
}
