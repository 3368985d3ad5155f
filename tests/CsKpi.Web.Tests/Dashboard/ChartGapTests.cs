using System.Text.Json;
using AngleSharp.Dom;
using CsKpi.Core.Model;
using CsKpi.Web.Tests.Infrastructure;

namespace CsKpi.Web.Tests.Dashboard;

/// <summary>
/// A chart that is empty or has holes says why beside it, on the server-rendered page: no data in the period, or
/// buckets hidden by the privacy rule with a link to the same view in larger buckets. The fixture has one CSAT
/// response a day on 1–14 April 2026 (5 in the week of 30 March, 7 in the week of 6 April, 2 after).
/// </summary>
public class ChartGapTests(ChartRecordsData data) : IClassFixture<ChartRecordsData>
{
    private const string April = "period=custom&from=2026-04-01&to=2026-04-30";

    [Fact]
    public async Task Days_hidden_by_privacy_are_said_with_a_link_to_the_weekly_view()
    {
        var page = await GetAsync("/?kpi=csat&" + April);

        var chart = page.One("#chart-trend");
        chart.Count("canvas").Should().Be(0, "every day has a single response");
        chart.Count(".no-data").Should().Be(0, "there were responses: the reason is privacy, not a lack of data");
        var gap = chart.One("p.privacy");
        gap.TextContent.Should().Contain("Days with fewer than 5 responses are hidden (privacy).");
        var weekly = gap.One("a").GetAttribute("href")!;
        weekly.Should().StartWith("/?").And.Contain("bucket=week").And.Contain("kpi=csat")
            .And.Contain("from=2026-04-01");

        var week = (await GetAsync(weekly)).One("#chart-trend");
        week.Count("canvas").Should().Be(1, "the weeks of 30 March and 6 April have 5 and 7 responses");
        week.One("p.privacy").TextContent.Should().Contain("Weeks with fewer than 5 responses are hidden (privacy).");
        week.One("p.privacy a").GetAttribute("href").Should().Contain("bucket=month");

        var month = (await GetAsync("/?kpi=csat&bucket=month&" + April)).One("#chart-trend");
        month.Count("p.privacy").Should().Be(0);
    }

    [Fact]
    public async Task A_chart_with_no_records_in_the_period_says_so()
    {
        var page = await GetAsync("/?kpi=csat&period=custom&from=2026-05-01&to=2026-05-31");

        var chart = page.One("#chart-trend");
        chart.One(".no-data").TextContent.Should().Contain("No data for this chart in the period");
        chart.Count("p.privacy").Should().Be(0);
    }

    [Fact]
    public async Task A_split_hidden_by_privacy_says_so_instead_of_no_data()
    {
        // 1–3 April: three NPS responses.
        var chart = (await GetAsync("/?period=custom&from=2026-04-01&to=2026-04-03")).One("#chart-nps-split");

        chart.Count(".no-data").Should().Be(0);
        chart.One("p.privacy").TextContent.Trim().Should().Be("Hidden: fewer than 5 responses could identify people.");
    }

    [Fact]
    public async Task A_card_whose_sparkline_is_hidden_or_missing_says_why()
    {
        var page = await GetAsync("/?" + April);

        page.One("[data-kpi=csat] .spark-note").TextContent
            .Should().Be("Days with fewer than 5 responses are hidden (privacy).");
        page.One("[data-kpi=ticket_volume]").Count("canvas.spark").Should().Be(1);
        page.One("[data-kpi=ticket_volume]").Count(".spark-note").Should().Be(0);

        var month = await GetAsync("/?bucket=month&" + April);
        month.One("[data-kpi=ticket_volume] .spark-note").TextContent
            .Should().Be("No trend line: fewer than two months with data.");
    }

    [Fact]
    public async Task The_trend_reads_in_the_page_language_dates_included()
    {
        var page = await GetAsync("/?kpi=csat&bucket=month&culture=it&" + April);

        using var chart = JsonDocument.Parse(page.One("script#trend-data").TextContent);
        var root = chart.RootElement;
        root.GetProperty("locale").GetString().Should().Be("it");
        root.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).Should().Equal("apr 2026");
        // 5 of the 14 scores (1, 2, 3, 4, 5, 1, …) are 4 or 5.
        root.GetProperty("series")[0].GetProperty("texts")[0].GetString().Should().Be("35,7 %");
        root.GetProperty("y").GetProperty("ticks").EnumerateArray().Select(t => t.GetProperty("text").GetString())
            .Should().Equal("0,0 %", "20,0 %", "40,0 %", "60,0 %", "80,0 %", "100,0 %");
        page.One("#chart-trend button.zoom").TextContent.Trim().Should().Be("Adatta ai dati");
    }

    [Fact]
    public async Task The_first_response_bars_are_labelled_in_the_page_language()
    {
        var page = await GetAsync("/?culture=pl&" + April);

        using var chart = JsonDocument.Parse(page.One("script#first-response-data").TextContent);
        chart.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).Should()
            .Equal("< 5 min", "5–15 min", "15–60 min", "1–4 godz.", "4–24 godz.", "> 24 godz.");
    }

    private async Task<IDocument> GetAsync(string url)
    {
        var client = await data.Factory.SignedInClientAsync(Roles.Manager);
        return await client.GetDocumentAsync(url);
    }
}
