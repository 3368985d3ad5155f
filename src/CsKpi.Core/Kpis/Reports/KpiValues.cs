using System.Linq.Expressions;
using CsKpi.Core.Kpis.Sources;

namespace CsKpi.Core.Kpis.Reports;

/// <summary>A KPI's value from the measured rows: its formula over its numerator and denominator.</summary>
internal static class KpiValues
{
    /// <summary>The value of a total, with the previous period's.</summary>
    public static KpiValue Combine<TKey>(Kpi kpi, MeasureRow<TKey>? current, MeasureRow<TKey>? previous,
        List<LambdaExpression> measures) =>
        Combine(kpi, current?.Values, previous?.Values, measures, hasPrevious: true);

    /// <summary>The value of a group (a trend bucket or a breakdown's key), without a previous one.</summary>
    public static KpiValue Combine<TKey>(Kpi kpi, MeasureRow<TKey>? row, List<LambdaExpression> measures) =>
        Combine(kpi, row?.Values, null, measures, hasPrevious: false);

    /// <summary>The KPIs in the registry's order.</summary>
    public static Dictionary<string, KpiValue> Ordered(Dictionary<string, KpiValue> kpis) =>
        KpiRegistry.All.Where(k => kpis.ContainsKey(k.Key)).ToDictionary(k => k.Key, k => kpis[k.Key]);

    private static KpiValue Combine(Kpi kpi, double?[]? current, double?[]? previous,
        List<LambdaExpression> measures, bool hasPrevious)
    {
        var numerator = RecordSources.IndexOf(measures, kpi.Numerator!);
        var denominator = RecordSources.IndexOf(measures, kpi.Denominator!);
        var (value, count) = kpi.Evaluate(current?[numerator], current?[denominator]);
        if (!hasPrevious)
            return new KpiValue(value, count);
        var (before, beforeCount) = kpi.Evaluate(previous?[numerator], previous?[denominator]);
        return new KpiValue(value, count, before, beforeCount);
    }
}
