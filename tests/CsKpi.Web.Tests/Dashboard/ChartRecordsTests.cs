using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Kpis;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;

namespace CsKpi.Web.Tests.Dashboard;

/// <summary>
/// April 2026: NPS answers 9–10 ×6, 7–8 ×5, 0–6 ×7; 14 CSAT answers, 12 rating delivery and 10 billing; first
/// responses after about 1, 10, 30, 90 minutes, 5 and 30 hours.
/// </summary>
public sealed class ChartRecordsData : SeededApp
{
    private protected override void Seed(KpiData data)
    {
        var agent = data.Agent("A1", team: "Blue");
        int[] waits = [60, 600, 1800, 5400, 18_000, 108_000];
        for (var i = 0; i < 30; i++)
        {
            data.Ticket($"2026-04-{1 + i % 28:00}T09:00:00Z", Channel.Email, agent,
                firstResponseSeconds: waits[i % waits.Length] + i);
        }
        int[] nps = [10, 10, 9, 9, 9, 10, 7, 8, 8, 7, 7, 0, 3, 6, 6, 5, 4, 2];
        foreach (var (score, i) in nps.Select((s, i) => (s, i)))
            data.Survey(SurveyKind.Nps, score, $"2026-04-{1 + i:00}T10:00:00Z", agent: agent);
        for (var i = 0; i < 14; i++)
        {
            var dimensions = new List<(string, int)>();
            if (i < 12)
                dimensions.Add(("delivery", 1 + i % 5));
            if (i >= 4)
                dimensions.Add(("billing", 1 + (i * 2) % 5));
            data.Survey(SurveyKind.Csat, 1 + i % 5, $"2026-04-{1 + i:00}T11:00:00Z", agent: agent,
                dimensions: [.. dimensions]);
        }
    }
}

/// <summary>
/// Every bar of the NPS split, CSAT by dimension and first-response charts opens exactly the records it counts.
/// </summary>
public class ChartRecordsTests(ChartRecordsData data) : IClassFixture<ChartRecordsData>
{
    private const string April = "period=custom&from=2026-04-01&to=2026-04-30";

    [Theory]
    [InlineData("nps-split", "responses", 3)]
    [InlineData("first-response", "tickets", 6)]
    public async Task Each_bar_opens_as_many_records_as_it_counts(string chart, string noun, int bars)
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);
        var overview = await manager.GetDocumentAsync("/?" + April);

        var figure = ChartJson.Read(overview, chart);
        var links = figure.Links;
        var values = figure.Values.Select(v => v!.Value).ToList();

        links.Should().HaveCount(bars).And.HaveCount(values.Count);
        values.Sum().Should().BeGreaterThan(bars, "the bars hold data to compare");
        for (var i = 0; i < links.Count; i++)
        {
            var (page, list) = Html.Read(await manager.GetStringAsync(links[i]));
            page.Should().Contain($"{values[i]:0} {noun}: exactly",
                $"bar {i} ({links[i]}) lists as many records as it counts");
            page.Should().Contain("data-subset", "the page says which part of the number it lists");
            if (values[i] >= 5)
                list.Count("tr[data-record]").Should().Be((int)values[i]);
        }
    }

    [Fact]
    public async Task A_dimension_bar_opens_the_csat_responses_that_rate_it()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);
        var overview = await manager.GetDocumentAsync("/?" + April);

        var links = ChartJson.Read(overview, "csat-dimensions").Links;

        links.Should().HaveCount(2);
        foreach (var (dimension, ratings) in new[] { ("delivery", 12), ("billing", 10) })
        {
            var link = links.Single(l => l.EndsWith("dimension=" + dimension, StringComparison.Ordinal));
            var (page, list) = Html.Read(await manager.GetStringAsync(link));
            page.Should().Contain($"{ratings} responses: exactly", "the bar is the mean of that many ratings");
            list.Count("tr[data-record]").Should().Be(ratings);
        }
    }

    [Fact]
    public async Task The_key_drivers_points_and_rating_counts_open_the_responses_that_rate_the_dimension()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);
        var drivers = await manager.GetDocumentAsync("/Drivers?" + April);

        // The row of the dimension's code (its header shows the display name, "Delivery").
        var ratings = drivers.One("tr[data-dimension=delivery]").One("th + td");
        (ratings.GetAttribute("data-sort"), ratings.One("a").TextContent).Should().Be(("12", "12"));
        var link = ratings.One("a").GetAttribute("href")!;
        link.Should().Contain("kpi=csat").And.Contain("dimension=delivery");
        WebUtility.HtmlDecode(await manager.GetStringAsync(link)).Should().Contain("12 responses: exactly");
    }

    [Fact]
    public async Task An_agents_trend_points_on_my_stats_open_their_own_records_of_the_bucket()
    {
        var agent = await data.Factory.SignedInClientAsync(Roles.Agent, "A1");
        var myStats = await agent.GetDocumentAsync("/MyStats?bucket=week&" + April);

        var links = ChartJson.Read(myStats, "trend-first_response_median").Links;

        links.Should().HaveCount(5, "April 2026 touches five ISO weeks")
            .And.OnlyContain(l => l.Contains("agent=A1", StringComparison.Ordinal));
        var listed = 0;
        foreach (var link in links)
        {
            // The count is read from the sentence's text, not from the markup.
            var text = (await agent.GetDocumentAsync(link)).Body!.TextContent;
            var count = Regex.Match(text, "(\\d+) tickets: exactly").Groups[1].Value;
            listed += int.Parse(count, CultureInfo.InvariantCulture);
        }
        listed.Should().Be(30, "the weeks' lists together are the month's tickets with a first response");
    }

    [Fact]
    public async Task A_bar_of_promoters_lists_only_their_scores_and_exports_them()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);

        var csv = await manager.GetStringAsync("/Records?kpi=nps&scores=9-10&handler=Csv&" + April);

        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(row => int.Parse(row.Split(',')[3], CultureInfo.InvariantCulture))
            .Should().HaveCount(6).And.OnlyContain(score => score >= 9);
    }

    [Theory]
    [InlineData("kpi=nps&scores=high")]
    [InlineData("kpi=nps&scores=10-9")]
    [InlineData("kpi=nps&wait=1")]
    [InlineData("kpi=first_response_median&dimension=delivery")]
    [InlineData("kpi=first_response_median&wait=99")]
    [InlineData("kpi=aht&scores=1-5")]
    public async Task A_part_that_does_not_fit_the_number_is_a_bad_request(string query)
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);

        (await manager.GetAsync($"/Records?{query}&{April}")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
