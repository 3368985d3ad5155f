using System.Globalization;

namespace CsKpi.Core.Kpis;

/// <summary>
/// Privacy (kpis.md): a survey number from fewer than 5 responses could identify the people behind it, so it is
/// hidden — eNPS and every survey breakdown alike.
/// </summary>
public static class SurveyPrivacy
{
    public const int MinimumResponses = 5;

    public static bool Hides(Kpi kpi, long responses) =>
        kpi.Source == KpiSource.Surveys && responses is > 0 and < MinimumResponses;

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
        IReadOnlyDictionary<string, KpiValue> Hide(IReadOnlyDictionary<string, KpiValue> kpis) =>
            kpis.ToDictionary(k => k.Key, k =>
            {
                var visible = Apply(KpiRegistry.Get(k.Key), k.Value);
                hidden |= visible != k.Value;
                return visible;
            });
        var kpis = Hide(report.Kpis);
        var groups = report.Groups?.Select(g => g with { Kpis = Hide(g.Kpis) }).ToList();
        var note = new ReportNote(ReportNoteCode.SurveysHidden,
            MinimumResponses.ToString(CultureInfo.InvariantCulture));
        return report with
        {
            Kpis = kpis,
            Groups = groups,
            Notes = hidden ? [.. report.Notes, note] : report.Notes,
        };
    }
}
