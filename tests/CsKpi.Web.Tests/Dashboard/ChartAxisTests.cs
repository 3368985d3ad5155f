using System.Globalization;
using CsKpi.Core.Kpis;
using CsKpi.Web.Dashboard;

namespace CsKpi.Web.Tests.Dashboard;

/// <summary>
/// A chart's value axis: a percentage on 0–100, a score on its survey's full scale, durations at the steps a clock
/// counts in. Expectations are computed by hand: five ticks or so, the smallest human step at least a fifth of the
/// range.
/// </summary>
public class ChartAxisTests
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    [Theory]
    // max 100 s: a fifth is 20 s, the next human step 30 s.
    [InlineData(100, 30, "0 s|30 s|1 min 00 s|1 min 30 s|2 min 00 s")]
    // max 1000 s: a fifth is 200 s, the next step 5 min (never 3 min 20 s).
    [InlineData(1000, 300, "0 s|5 min 00 s|10 min 00 s|15 min 00 s|20 min 00 s")]
    // max 20 h: a fifth is 4 h.
    [InlineData(72000, 14400, "0 s|4 h 00 min|8 h 00 min|12 h 00 min|16 h 00 min|20 h 00 min")]
    // max 30 h: a fifth is 6 h, the next step 8 h.
    [InlineData(108000, 28800, "0 s|8 h 00 min|16 h 00 min|1 d 0 h|1 d 8 h")]
    // max 3 days: a fifth is 14.4 h, the next step 1 day.
    [InlineData(259200, 86400, "0 s|1 d 0 h|2 d 0 h|3 d 0 h")]
    // max 20 days: a fifth is 4 days, the next step a week.
    [InlineData(1728000, 604800, "0 s|7 d 0 h|14 d 0 h|21 d 0 h")]
    public void Duration_ticks_fall_on_human_steps(double max, double step, string texts)
    {
        var ticks = ChartAxis.Ticks([max / 3, max], KpiUnit.Seconds, fromZero: true,
            v => KpiDisplay.Duration(v, English));

        ticks.Select(t => t.Value).Should().Equal(ticks.Select((_, i) => i * step));
        string.Join("|", ticks.Select(t => t.Text)).Should().Be(texts);
    }

    [Theory]
    [InlineData(KpiRegistry.Csat, 0, 100)]
    [InlineData(KpiRegistry.Fcr, 0, 100)]
    [InlineData(KpiRegistry.CsatAvg, 1, 5)]
    [InlineData(KpiRegistry.Ces, 1, 7)]
    [InlineData(KpiRegistry.Nps, -100, 100)]
    [InlineData(KpiRegistry.Enps, -100, 100)]
    public void A_rate_or_score_spans_its_full_scale_whatever_the_data(string key, double min, double max)
    {
        var kpi = KpiRegistry.Get(key);

        var axis = ChartAxis.Full([3.0, 3.2], kpi.Unit, ChartAxis.Scale(kpi), v => v.ToString(English));

        (axis.Min, axis.Max).Should().Be((min, max));
        axis.Ticks[0].Value.Should().Be(min);
        axis.Ticks[^1].Value.Should().Be(max);
    }

    [Fact]
    public void Zooming_fits_the_axis_to_the_data_at_round_steps()
    {
        var axis = ChartAxis.Zoomed([68, 92], KpiUnit.Percent, v => v.ToString(English));

        // A span of 24 points: steps of 5, from 65 to 95.
        axis.Ticks.Select(t => t.Value).Should().Equal(65, 70, 75, 80, 85, 90, 95);
    }

    [Fact]
    public void Counts_and_durations_without_a_scale_start_at_zero()
    {
        var axis = ChartAxis.Full([40, 57], KpiUnit.Count, scale: null, v => v.ToString(English));

        axis.Ticks.Select(t => t.Value).Should().Equal(0, 20, 40, 60);
    }
}
