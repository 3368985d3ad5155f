using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis;

/// <summary>An NPS or eNPS period split into promoters (9–10), passives (7–8) and detractors (0–6).</summary>
public sealed record NetScoreSplit(long Promoters, long Passives, long Detractors)
{
    public long Responses => Promoters + Passives + Detractors;
}

/// <summary>Survey numbers the report does not carry, counted in one GROUP BY with the report's filters.</summary>
public sealed class SurveyBreakdowns(KpiDbContext db)
{
    public async Task<NetScoreSplit> NetScoreSplitAsync(ReportPeriod period, KpiFilters filters, SurveyKind kind = SurveyKind.Nps,
        CancellationToken cancellationToken = default)
    {
        var (fromUtc, toUtc) = (period.FromUtc, period.ToUtc());
        var responses = filters.Apply(
            db.SurveyResponses.Where(s => s.Kind == kind && s.SubmittedAt >= fromUtc && s.SubmittedAt < toUtc),
            RecordPaths.Surveys);
        var split = await responses
            .GroupBy(_ => 1)
            .Select(g => new NetScoreSplit(g.LongCount(s => s.Score >= 9), g.LongCount(s => s.Score >= 7 && s.Score <= 8), g.LongCount(s => s.Score <= 6)))
            .FirstOrDefaultAsync(cancellationToken);
        return split ?? new NetScoreSplit(0, 0, 0);
    }
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
            Notes = hidden ? [.. report.Notes, $"Survey numbers from fewer than {MinimumResponses} responses are hidden (null): they could identify the people who answered."] : report.Notes,
        };
    }
}
