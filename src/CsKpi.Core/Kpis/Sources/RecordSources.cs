using System.Linq.Expressions;
using CsKpi.Core.Model;

namespace CsKpi.Core.Kpis.Sources;

/// <summary>
/// The record sources the KPIs are measured from (customers aside: see <see cref="CustomerCells"/>), and the
/// measures a selection of KPIs needs from each.
/// </summary>
internal static class RecordSources
{
    public static readonly IReadOnlyList<RecordSource> All =
    [
        new RecordSource<SurveyResponse>(KpiSource.Surveys, RecordPaths.Surveys, db => db.SurveyResponses,
            extra: [.. NetScoreSplits.Measures.Values.SelectMany(m => m)]),
        new RecordSource<Ticket>(KpiSource.CreatedTickets, RecordPaths.CreatedTickets, db => db.Tickets,
            extra: FirstResponseWaits.Measures),
        new RecordSource<Ticket>(KpiSource.ResolvedTickets, RecordPaths.ResolvedTickets, db => db.Tickets,
            t => t.ResolvedAt != null),
        new RecordSource<Interaction>(KpiSource.Interactions, RecordPaths.Interactions, db => db.Interactions),
    ];

    public static RecordSource Of(KpiSource kind) => All.Single(s => s.Source == kind);

    /// <summary>The sources some selected KPI comes from, each with those KPIs and the measures they need.</summary>
    public static IEnumerable<(RecordSource Source, IReadOnlyList<Kpi> Kpis, List<LambdaExpression> Measures)> Selected(
        IReadOnlyList<Kpi> selected)
    {
        foreach (var source in All)
        {
            if (source.Kpis.All(selected.Contains))
                yield return (source, source.Kpis, source.Measures);
            else if (source.Kpis.Where(selected.Contains).ToList() is { Count: > 0 } kpis)
                yield return (source, kpis, DistinctMeasures(kpis));
        }
    }

    /// <summary>The numerators and denominators of the KPIs, each measure once.</summary>
    public static List<LambdaExpression> DistinctMeasures(IEnumerable<Kpi> kpis)
    {
        var measures = new List<LambdaExpression>();
        foreach (var kpi in kpis)
        {
            foreach (var measure in new[] { kpi.Numerator!, kpi.Denominator! })
            {
                if (IndexOf(measures, measure) < 0)
                    measures.Add(measure);
            }
        }
        return measures;
    }

    /// <summary>
    /// Measures are the same when they read the same (csat and csat_avg share their denominator): one SQL aggregate
    /// each. Most measures are in the list themselves: found by reference, without printing every measure to compare
    /// texts (which, per KPI per bucket, cost more client CPU than reading the rows).
    /// </summary>
    public static int IndexOf(List<LambdaExpression> measures, LambdaExpression measure)
    {
        var index = measures.IndexOf(measure);
        if (index >= 0)
            return index;
        var text = measure.ToString();
        return measures.FindIndex(m => m.ToString() == text);
    }
}
