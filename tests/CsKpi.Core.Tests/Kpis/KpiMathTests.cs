using System.Globalization;
using CsKpi.Core.Kpis;

namespace CsKpi.Core.Tests.Kpis;

public class KpiMathTests
{
    [Fact]
    public void Percent_of_an_empty_denominator_is_no_data_not_zero_or_NaN()
    {
        KpiMath.Percent(0, 0).Should().BeNull();
        KpiMath.Percent(3, null).Should().BeNull();
        KpiMath.Mean(0, 0).Should().BeNull();
        KpiMath.NetScore(0, 0, 0).Should().BeNull();
    }

    [Fact]
    public void Percent_and_mean_are_plain_ratios()
    {
        KpiMath.Percent(3, 4).Should().Be(75);
        KpiMath.Percent(0, 4).Should().Be(0);
        KpiMath.Mean(19, 5).Should().Be(3.8);
    }

    [Theory]
    [InlineData(2, 2, 6, 0)]
    [InlineData(3, 2, 7, 100.0 / 7)]
    [InlineData(5, 0, 5, 100)]
    [InlineData(0, 4, 4, -100)]
    public void Net_score_is_promoters_minus_detractors_over_responses(long promoters, long detractors, long responses,
        double expected) =>
        KpiMath.NetScore(promoters, detractors, responses).Should().BeApproximately(expected, 1e-12);

    [Theory]
    [InlineData(10, true, false)]
    [InlineData(9, true, false)]
    [InlineData(8, false, false)]
    [InlineData(7, false, false)]
    [InlineData(6, false, true)]
    [InlineData(0, false, true)]
    public void Promoters_are_9_and_10_detractors_0_to_6(int score, bool promoter, bool detractor)
    {
        KpiMath.IsPromoter(score).Should().Be(promoter);
        KpiMath.IsDetractor(score).Should().Be(detractor);
    }

    [Fact]
    public void Pearson_matches_a_hand_computed_correlation()
    {
        // x = 1..5, y = 2,4,5,4,5: r = 6 / sqrt(10 × 6) = 0.7745966692…
        double[] x = [1, 2, 3, 4, 5], y = [2, 4, 5, 4, 5];
        var r = KpiMath.Pearson(5, x.Sum(), y.Sum(), x.Zip(y, (a, b) => a * b).Sum(), x.Sum(v => v * v),
            y.Sum(v => v * v));
        r.Should().BeApproximately(0.7745966692414834, 1e-12);
    }

    [Fact]
    public void Pearson_is_undefined_for_a_constant_variable_or_a_single_pair()
    {
        KpiMath.Pearson(3, 12, 6, 24, 48, 14).Should().BeNull("x is 4, 4, 4");
        KpiMath.Pearson(1, 3, 3, 9, 9, 9).Should().BeNull();
    }

    [Fact]
    public void Percentile_cont_interpolates_like_postgresql()
    {
        KpiMath.PercentileCont([60, 120, 180, 600], 0.5).Should().Be(150);
        KpiMath.PercentileCont([60, 120, 180, 600], 0.9).Should().BeApproximately(474, 1e-9);
        KpiMath.PercentileCont([60, 120, 180], 0.5).Should().Be(120);
        KpiMath.PercentileCont([], 0.5).Should().BeNull();
    }

    [Theory]
    [InlineData(82, 80, Direction.HigherIsBetter, TargetStatus.On)]
    [InlineData(77, 80, Direction.HigherIsBetter, TargetStatus.Near)]
    [InlineData(75.9, 80, Direction.HigherIsBetter, TargetStatus.Off)]
    [InlineData(290, 300, Direction.LowerIsBetter, TargetStatus.On)]
    [InlineData(314, 300, Direction.LowerIsBetter, TargetStatus.Near)]
    [InlineData(316, 300, Direction.LowerIsBetter, TargetStatus.Off)]
    [InlineData(290, 300, Direction.Neutral, TargetStatus.On)]
    [InlineData(325, 300, Direction.Neutral, TargetStatus.Near)]
    [InlineData(260, 300, Direction.Neutral, TargetStatus.Off)]
    public void Target_status_follows_the_kpi_direction_with_a_5_percent_band(double value, double target,
        Direction direction, TargetStatus expected) =>
        KpiMath.Status(value, target, direction).Should().Be(expected);

    [Fact]
    public void A_falling_aht_is_an_improvement_and_a_falling_csat_is_not()
    {
        KpiDisplay.IsImprovement(KpiRegistry.Get(KpiRegistry.Aht), -12).Should().BeTrue();
        KpiDisplay.IsImprovement(KpiRegistry.Get(KpiRegistry.Csat), -1).Should().BeFalse();
        KpiDisplay.IsImprovement(KpiRegistry.Get(KpiRegistry.Csat), null).Should().BeNull();
        KpiDisplay.IsImprovement(KpiRegistry.Get(KpiRegistry.TicketVolume),
            50).Should().BeNull("more tickets is neither good nor bad");
    }

    [Fact]
    public void Display_rounds_percentages_to_one_decimal_durations_to_seconds_and_shows_a_dash_for_no_data()
    {
        KpiDisplay.Format(KpiRegistry.Get(KpiRegistry.Csat), 81.25, CultureInfo.InvariantCulture).Should().Be("81.3 %");
        KpiDisplay.Format(KpiRegistry.Get(KpiRegistry.Aht), 312.6,
            CultureInfo.InvariantCulture).Should().Be("5 min 13 s");
        KpiDisplay.Format(KpiRegistry.Get(KpiRegistry.Nps), null, CultureInfo.InvariantCulture).Should().Be("—");
        KpiDisplay.Duration(-75, CultureInfo.InvariantCulture).Should().Be("-1 min 15 s");
    }

    [Fact]
    public void Registry_defines_every_kpi_of_the_spec_once()
    {
        KpiRegistry.All.Select(k => k.Key).Should().BeEquivalentTo(
            "csat", "csat_avg", "nps", "ces", "enps", "fcr", "aht", "time_with_customer", "time_with_customer_avg",
            "first_response_median", "first_response_mean", "first_response_p90", "resolution_median", "ticket_volume",
            "complaints", "returns", "reopen_rate", "repeat_contact_rate", "churn", "retention", "tickets_solved",
            "backlog", "backlog_age_median");
        KpiRegistry.All.Where(k => k.Direction == Direction.LowerIsBetter).Select(k => k.Key).Should().BeEquivalentTo(
            "ces", "aht", "first_response_median", "first_response_mean", "first_response_p90", "resolution_median",
            "complaints", "returns", "reopen_rate", "repeat_contact_rate", "churn", "backlog", "backlog_age_median");
    }

    [Fact]
    public void Csv_cells_that_look_like_formulas_are_defused()
    {
        Csv.Escape("=SUM(A1)").Should().Be("'=SUM(A1)");
        Csv.Escape("@cmd").Should().Be("'@cmd");
        Csv.Escape("-12.5").Should().Be("-12.5");
        Csv.Escape("a,b").Should().Be("\"a,b\"");
    }
}
