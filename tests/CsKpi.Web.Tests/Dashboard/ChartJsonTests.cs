using System.Globalization;
using System.Text.Json;
using CsKpi.Core.Kpis;
using CsKpi.Web.Dashboard;

namespace CsKpi.Web.Tests.Dashboard;

/// <summary>
/// What a chart's JSON tells its script: the axis ends of the KPI's kind, straight lines, the page's language, and
/// the points' names.
/// </summary>
public class ChartJsonTests
{
    [Theory]
    [InlineData(KpiRegistry.Csat, 0, 100)]
    [InlineData(KpiRegistry.ReopenRate, 0, 100)]
    [InlineData(KpiRegistry.CsatAvg, 1, 5)]
    [InlineData(KpiRegistry.Ces, 1, 7)]
    [InlineData(KpiRegistry.Nps, -100, 100)]
    [InlineData(KpiRegistry.Enps, -100, 100)]
    public void A_trend_opens_on_the_full_scale_of_its_kind_and_zooms_to_its_data(string key, double min, double max)
    {
        var chart = Trend(KpiRegistry.Get(key), 3.1, 3.4);

        var root = Parse(chart.Json());

        Ends(root.GetProperty("y")).Should().Be((min, max));
        var zoom = Ends(root.GetProperty("zoom").GetProperty("y"));
        zoom.Min.Should().BeGreaterThanOrEqualTo(3).And.BeLessThanOrEqualTo(3.1);
        zoom.Max.Should().BeGreaterThanOrEqualTo(3.4).And.BeLessThanOrEqualTo(3.5);
    }

    [Fact]
    public void A_duration_trend_starts_at_zero() =>
        Ends(Parse(Trend(KpiRegistry.Get(KpiRegistry.Aht), 250, 290).Json()).GetProperty("y"))
            .Should().Be((0, 300));

    [Fact]
    public void Lines_are_straight_between_points() =>
        Parse(Trend(KpiRegistry.Get(KpiRegistry.Csat), 80, 90).Json()).GetProperty("tension").GetDouble()
            .Should().Be(0);

    [Fact]
    public void Ratings_by_dimension_are_bars_on_the_1_to_5_scale_without_zoom()
    {
        var chart = new ChartData("d", "CSAT by dimension", "bars", ["delivery", "billing"],
            [new ChartSeries("Mean rating", [3.0, 3.5])])
        {
            Scale = ChartAxis.Rating,
            YTitle = "Mean rating (1–5)",
        };

        var root = Parse(chart.Json());

        Ends(root.GetProperty("y")).Should().Be((1, 5));
        root.GetProperty("y").GetProperty("title").GetString().Should().Be("Mean rating (1–5)");
        root.GetProperty("zoom").ValueKind.Should().Be(JsonValueKind.Null, "bars start at their baseline");
        chart.CanZoom.Should().BeFalse();
    }

    [Fact]
    public void The_key_driver_quadrant_names_its_points_and_spans_the_rating_scale_and_the_correlations()
    {
        var chart = new ChartData("q", "Drivers", "quadrant", ["delivery", "billing"],
            [new ChartSeries("Performance", [2.97, 3.04]), new ChartSeries("Importance", [0.31, 0.62])])
        {
            XScale = ChartAxis.Rating,
            Scale = (0, 1, 0.2),
            XTitle = "Prestazione",
            YTitle = "Importanza",
        };

        var root = Parse(InCulture("it", chart.Json));

        root.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).Should().Equal("delivery", "billing");
        Ends(root.GetProperty("x")).Should().Be((1, 5));
        Ends(root.GetProperty("y")).Should().Be((0, 1));
        root.GetProperty("x").GetProperty("title").GetString().Should().Be("Prestazione");
        root.GetProperty("series")[0].GetProperty("texts").EnumerateArray().Select(t => t.GetString())
            .Should().Equal("2,97", "3,04");
        root.GetProperty("y").GetProperty("ticks")[1].GetProperty("text").GetString().Should().Be("0,2");
    }

    [Theory]
    [InlineData("it", TimeBucket.Day, "2 dic")]
    [InlineData("nl", TimeBucket.Week, "30 nov")]
    [InlineData("en", TimeBucket.Month, "Dec 2026")]
    public void Bucket_labels_are_dates_in_the_page_language(string culture, TimeBucket bucket, string label)
    {
        var key = bucket == TimeBucket.Week ? "2026-11-30" : bucket == TimeBucket.Month ? "2026-12-01" : "2026-12-02";

        BucketLabels.Format(key, bucket, withYear: false, CultureInfo.GetCultureInfo(culture)).Should().Be(label);
    }

    [Theory]
    [InlineData(KpiRegistry.CsatAvg, -0.04, "0.0", "flat")]
    [InlineData(KpiRegistry.CsatAvg, -0.06, "▼ −0.1", "bad")]
    [InlineData(KpiRegistry.Csat, 0.049, "0.0 pts", "flat")]
    [InlineData(KpiRegistry.Aht, -0.4, "0 s", "flat")]
    [InlineData(KpiRegistry.Aht, -30, "▼ −30 s", "good")]
    public void A_change_that_rounds_to_zero_has_no_arrow_and_no_colour(
        string key, double change, string text, string status)
    {
        var kpi = KpiRegistry.Get(key);

        InCulture("en", () => KpiCard.ChangeTextOf(kpi, change)).Should().Be(text);
        KpiCard.ChangeClassOf(kpi, change).Should().Be(status);
    }

    private static ChartData Trend(Kpi kpi, params double?[] values) =>
        new("t", kpi.Name, "trend", [.. values.Select((_, i) => $"b{i}")], [new ChartSeries(kpi.Name, values)])
        {
            Kpi = kpi,
        };

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    private static (double Min, double Max) Ends(JsonElement axis) =>
        (axis.GetProperty("min").GetDouble(), axis.GetProperty("max").GetDouble());

    private static string InCulture(string name, Func<string?> work)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return work() ?? "";
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
