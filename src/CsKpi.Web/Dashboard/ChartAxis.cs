using CsKpi.Core.Kpis;
using CsKpi.Core.Model;

namespace CsKpi.Web.Dashboard;

/// <summary>One mark on a chart's value axis: where it sits and what it reads, formatted on the server.</summary>
public sealed record ChartTick(double Value, string Text);

/// <summary>An axis as the script draws it: its ends and its marks.</summary>
public sealed record ChartScale(double Min, double Max, IReadOnlyList<ChartTick> Ticks)
{
    public static ChartScale Of(IReadOnlyList<ChartTick> ticks) =>
        ticks.Count == 0 ? new(0, 1, []) : new(ticks[0].Value, ticks[^1].Value, ticks);
}

/// <summary>
/// The value axis of a chart, chosen here so that its labels come from the same formatter as every other number on
/// the page (<see cref="KpiDisplay"/>): the script draws these ticks and formats nothing itself. A percentage spans
/// 0–100 and a score its survey's full scale, so a small change looks small; counts and durations start at zero.
/// Steps are round in the KPI's unit: 1, 2, 5 × 10ⁿ for numbers; 30 s, 1, 2, 5 … min, 1, 2, 4, 8 h, 1 d … for
/// durations.
/// </summary>
public static class ChartAxis
{
    private const int TargetTicks = 5;
    private const double Day = 86400;

    /// <summary>Human steps: what a clock or a calendar counts in.</summary>
    private static readonly double[] DurationSteps =
    [
        1, 2, 5, 10, 15, 30,
        60, 2 * 60, 5 * 60, 10 * 60, 15 * 60, 30 * 60,
        3600, 2 * 3600, 4 * 3600, 8 * 3600,
        Day, 2 * Day, 7 * Day, 14 * Day, 28 * Day,
    ];

    /// <summary>A survey's full scale (surveys.md): what a score on the axis can be.</summary>
    public static (double Min, double Max, double Step)? Scale(Kpi kpi) => kpi.Key switch
    {
        KpiRegistry.CsatAvg => Rating,
        KpiRegistry.Ces => (SurveyKind.Ces.Scale().Min, SurveyKind.Ces.Scale().Max, 1),
        KpiRegistry.Nps or KpiRegistry.Enps => (-100, 100, 50),
        _ => kpi.Unit == KpiUnit.Percent ? (0, 100, 20) : null,
    };

    /// <summary>A CSAT rating, overall or for a dimension: 1–5.</summary>
    public static readonly (double Min, double Max, double Step) Rating =
        (SurveyKind.Csat.Scale().Min, SurveyKind.Csat.Scale().Max, 1);

    /// <summary>
    /// The axis a chart opens with: the KPI's full scale when it has one, else from zero to a round step past the
    /// largest value.
    /// </summary>
    public static ChartScale Full(
        IEnumerable<double> values, KpiUnit? unit, (double Min, double Max, double Step)? scale,
        Func<double, string> format)
    {
        var all = values.ToList();
        if (scale is { } s)
        {
            // A value outside the scale (bad data) still shows: the axis widens by whole steps.
            var low = Math.Min(s.Min, Math.Floor(all.DefaultIfEmpty(s.Min).Min() / s.Step) * s.Step);
            var high = Math.Max(s.Max, Math.Ceiling(all.DefaultIfEmpty(s.Max).Max() / s.Step) * s.Step);
            return ChartScale.Of(Marks(low, high, s.Step, format));
        }
        return ChartScale.Of(Ticks(all, unit, fromZero: true, format));
    }

    /// <summary>The axis fitted to the values, for a reader who zooms in on small changes.</summary>
    public static ChartScale Zoomed(IEnumerable<double> values, KpiUnit? unit, Func<double, string> format) =>
        ChartScale.Of(Ticks(values, unit, fromZero: false, format));

    public static IReadOnlyList<ChartTick> Ticks(
        IEnumerable<double> values, KpiUnit? unit, bool fromZero, Func<double, string> format)
    {
        var all = values.ToList();
        if (all.Count == 0)
            return [];
        var min = fromZero ? Math.Min(0, all.Min()) : all.Min();
        var max = fromZero ? Math.Max(0, all.Max()) : all.Max();
        var span = max > min ? max - min : Math.Max(Math.Abs(max), 1);
        var step = Step(span / TargetTicks, unit);
        var low = Math.Floor(min / step) * step;
        var high = Math.Ceiling(max / step) * step;
        if (high <= low)
            high = low + step;
        return Marks(low, high, step, format);
    }

    private static List<ChartTick> Marks(double low, double high, double step, Func<double, string> format)
    {
        var count = (int)Math.Round((high - low) / step);
        return Enumerable.Range(0, count + 1)
            .Select(i => Math.Round(low + (i * step), 6)) // no 0.30000000000000004 on the axis
            .Select(v => new ChartTick(v, format(v)))
            .ToList();
    }

    /// <summary>
    /// The smallest round step at least <paramref name="rough"/>, and never finer than the unit shows.
    /// </summary>
    private static double Step(double rough, KpiUnit? unit)
    {
        if (unit == KpiUnit.Seconds)
        {
            const double fourWeeks = 28 * Day;
            return DurationSteps.FirstOrDefault(s => s >= rough, Math.Ceiling(rough / fourWeeks) * fourWeeks);
        }
        var finest = unit switch
        {
            KpiUnit.Count => 1,
            KpiUnit.Percent or KpiUnit.Score => 0.1,
            _ => 0.01,
        };
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var nice = new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= rough * (1 - 1e-9));
        return Math.Max(nice, finest);
    }
}
