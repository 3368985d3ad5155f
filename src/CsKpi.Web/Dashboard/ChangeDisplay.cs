using System.Globalization;
using CsKpi.Core.Kpis;

namespace CsKpi.Web.Dashboard;

/// <summary>
/// A signed difference as people read it: "▲ +12", "▼ −30 s", "▲ +1.5 pts". A difference that shows as zero
/// (0, −0.04 pts) is neutral: no arrow and no colour (issue #19 point 2). Averages per member are fractional, so
/// their counts keep a decimal ("1.5 tickets per agent").
/// </summary>
public static class ChangeDisplay
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    /// <summary>The difference with arrow and sign, "0" when it shows as zero, null when a side has no data.</summary>
    public static string? Text(Kpi kpi, double? difference, bool fractional = false)
    {
        if (difference is not { } d)
            return null;
        if (ShowsAsZero(kpi, d, fractional))
            return Size(kpi, 0, fractional);
        return $"{(d > 0 ? "▲ +" : "▼ −")}{Size(kpi, Math.Abs(d), fractional)}";
    }

    /// <summary>good / bad / flat: coloured by the KPI's direction (a falling AHT is good); zero is flat.</summary>
    public static string Class(Kpi kpi, double? difference, bool fractional = false) =>
        difference is { } d && ShowsAsZero(kpi, d, fractional) ? "flat"
        : KpiDisplay.IsImprovement(kpi, difference) switch
        {
            true => "good",
            false => "bad",
            null => "flat",
        };

    /// <summary>A value in the KPI's unit; with <paramref name="fractional"/> a count keeps one decimal.</summary>
    public static string Value(Kpi kpi, double? value, bool fractional = false) =>
        fractional && kpi.Unit == KpiUnit.Count && value is { } v
            ? v.ToString("#,0.0", Culture)
            : KpiDisplay.Format(kpi, value, Culture);

    private static string Size(Kpi kpi, double size, bool fractional) => kpi.Unit == KpiUnit.Percent
        ? size.ToString("0.0", Culture) + " pts"
        : Value(kpi, size, fractional);

    private static bool ShowsAsZero(Kpi kpi, double difference, bool fractional) =>
        Size(kpi, Math.Abs(difference), fractional) == Size(kpi, 0, fractional);
}
