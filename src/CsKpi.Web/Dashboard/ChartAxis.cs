using CsKpi.Core.Kpis;

namespace CsKpi.Web.Dashboard;

/// <summary>One mark on a chart's value axis: where it sits and what it reads, formatted on the server.</summary>
public sealed record ChartTick(double Value, string Text);

/// <summary>
/// The value axis of a chart, chosen here so that its labels come from the same formatter as every other number on
/// the page (<see cref="KpiDisplay"/>): the script draws these ticks and formats nothing itself. Steps are round in
/// the KPI's unit: 1, 2, 5 × 10ⁿ for numbers; 15 s, 5 min, 1 h, 1 d, … for durations.
/// </summary>
public static class ChartAxis
{
    private const int TargetTicks = 5;

    private static readonly double[] DurationSteps =
    [
        1, 2, 5, 10, 15, 30,
        60, 2 * 60, 5 * 60, 10 * 60, 15 * 60, 30 * 60,
        3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600,
        86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400,
    ];

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
            const double fourWeeks = 28 * 86400;
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
