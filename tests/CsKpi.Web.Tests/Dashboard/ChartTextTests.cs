using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Web.Dashboard;
using CsKpi.Web.Tests.Infrastructure;

namespace CsKpi.Web.Tests.Dashboard;

/// <summary>
/// The charts' scripts format no number: a chart's JSON carries every text they show (tooltips, axis ticks),
/// written by the same formatter as the table view, in the page's language.
/// </summary>
public class ChartTextTests(ChartRecordsData data) : IClassFixture<ChartRecordsData>
{
    [Fact]
    public void A_duration_chart_carries_its_values_and_axis_as_formatted_text()
    {
        var chart = new ChartData("t", "AHT", "trend", ["a", "b", "c"], [new ChartSeries("AHT", [90061, 312.4, null])])
        {
            Kpi = KpiRegistry.Get(KpiRegistry.Aht),
        };

        var json = InCulture("it", chart.Json);

        Texts(json).Should().Equal("1 d 1 h", "5 min 12 s", "—");
        // Issue #19: hours step 1, 2, 4, 8 (a fifth of 25 h is 5 h, so 8 h), no longer 6.
        Ticks(json).Should().Equal(
            (0, "0 s"), (28800, "8 h 00 min"), (57600, "16 h 00 min"), (86400, "1 d 0 h"), (115200, "1 d 8 h"));
    }

    [Fact]
    public void Bars_of_a_percentage_start_at_zero_and_read_in_the_page_language()
    {
        var chart = new ChartData("t", "CSAT", "bars", ["a", "b"], [new ChartSeries("CSAT", [81.25, 42])])
        {
            Kpi = KpiRegistry.Get(KpiRegistry.Csat),
        };

        var json = InCulture("pl", chart.Json);

        Texts(json).Should().Equal("81,3 %", "42,0 %");
        Ticks(json).Should().Equal((0, "0,0 %"), (20, "20,0 %"), (40, "40,0 %"), (60, "60,0 %"), (80, "80,0 %"),
            (100, "100,0 %"));
    }

    [Fact]
    public async Task The_overview_trend_sends_the_text_of_each_point_in_the_page_language()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);
        var overview = await manager.GetStringAsync(
            "/?kpi=first_response_median&bucket=week&period=custom&from=2026-04-01&to=2026-04-30&culture=nl");

        var json = Regex.Match(overview, "<script type=\"application/json\" id=\"trend-data\">(.*?)</script>",
            RegexOptions.Singleline).Groups[1].Value;
        using var chart = JsonDocument.Parse(json);
        var values = chart.RootElement.GetProperty("series")[0].GetProperty("values").EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToList();

        var kpi = KpiRegistry.Get(KpiRegistry.FirstResponseMedian);
        var dutch = CultureInfo.GetCultureInfo("nl");
        values.Should().Contain(v => v > 0);
        Texts(json).Should().Equal(values.Select(v => KpiDisplay.Format(kpi, v, dutch)));
        Ticks(json).Should().NotBeEmpty()
            .And.OnlyContain(t => t.Text == KpiDisplay.Duration(t.Value, dutch));
    }

    private static string InCulture(string name, Func<string> work)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return work();
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    private static List<string> Texts(string json)
    {
        using var chart = JsonDocument.Parse(json);
        return chart.RootElement.GetProperty("series")[0].GetProperty("texts").EnumerateArray()
            .Select(t => t.GetString()!).ToList();
    }

    private static List<(double Value, string Text)> Ticks(string json)
    {
        using var chart = JsonDocument.Parse(json);
        return chart.RootElement.GetProperty("y").GetProperty("ticks").EnumerateArray()
            .Select(t => (t.GetProperty("value").GetDouble(), t.GetProperty("text").GetString()!)).ToList();
    }
}
