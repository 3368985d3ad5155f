using System.Globalization;

namespace CsKpi.Core.Kpis;

/// <summary>
/// How people see a KPI value (kpis.md): percentages and scores to 1 decimal, durations to whole seconds, "—" for no
/// data.
/// </summary>
public static class KpiDisplay
{
    public const string NoData = "—";

    public static string Format(Kpi kpi, double? value, IFormatProvider culture)
    {
        if (value is not { } v)
            return NoData;
        return kpi.Unit switch
        {
            KpiUnit.Percent => v.ToString("0.0", culture) + " %",
            KpiUnit.Score => v.ToString("0.0", culture),
            KpiUnit.Seconds => Duration(v, culture),
            KpiUnit.Count => v.ToString("#,0", culture),
        };
    }

    /// <summary>Whole seconds, with minutes and hours when they help reading: 45 s, 5 min 12 s, 3 h 05 min.</summary>
    public static string Duration(double seconds, IFormatProvider culture)
    {
        if (seconds < 0)
            return "-" + Duration(-seconds, culture);
        var total = (long)Math.Round(seconds, MidpointRounding.AwayFromZero);
        return total switch
        {
            < 60 => string.Format(culture, "{0} s", total),
            < 3600 => string.Format(culture, "{0} min {1:00} s", total / 60, total % 60),
            < 86400 => string.Format(culture, "{0} h {1:00} min", total / 3600, total % 3600 / 60),
            _ => string.Format(culture, "{0} d {1} h", total / 86400, total % 86400 / 3600),
        };
    }

    /// <summary>
    /// The change against the previous period, in the KPI's unit ("+2.5", "−30 s"), or null when either is no data.
    /// </summary>
    public static double? Change(double? value, double? previous) => value is { } v && previous is { } p ? v - p : null;

    /// <summary>True when the change is an improvement for this KPI (a falling AHT is good).</summary>
    public static bool? IsImprovement(Kpi kpi, double? change) => change switch
    {
        null or 0 => null,
        _ when kpi.Direction == Direction.Neutral => null,
        > 0 => kpi.Direction == Direction.HigherIsBetter,
        _ => kpi.Direction == Direction.LowerIsBetter,
    };
}
