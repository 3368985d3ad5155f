using System.Net;
using AngleSharp.Html.Dom;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Kpis;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;

namespace CsKpi.Web.Tests.Dashboard;

/// <summary>The dashboard pages over rows each test writes itself (a database per test).</summary>
public class DashboardPageTests
{
    private const string March = "period=custom&from=2026-03-01&to=2026-03-31";

    [Fact]
    public async Task Overview_shows_a_card_per_kpi_with_values_from_rows_and_a_dash_with_a_hint_for_no_data()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            foreach (var score in new[] { 5, 5, 4, 3, 2 })
                data.Survey(SurveyKind.Csat, score, "2026-03-10T10:00:00Z");
            data.Ticket("2026-03-02T08:00:00Z", firstResponseSeconds: 120);
            await data.SaveAsync();
        }

        var (html, page) = await GetAsync(database, "/?" + March);

        page.Card("csat").Should().Be("60.0 %"); // 3 of 5 scored 4 or 5
        page.Card("ticket_volume").Should().Be("1");
        page.Card("first_response_median").Should().Be("2 min 00 s");
        page.Card("nps").Should().Be("—");
        page.Card("aht").Should().Be("—");
        html.Should().Contain("No interactions in the period.");
        page.Count("article.card").Should().Be(CsKpi.Core.Kpis.KpiRegistry.All.Count);
        html.Should().NotContain("No data yet");
    }

    [Fact]
    public async Task Query_string_filters_reach_the_numbers()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            var ann = data.Agent("A1", team: "Billing");
            var bob = data.Agent("B1", team: "Orders");
            data.Ticket("2026-03-02T08:00:00Z", agent: ann, channel: Channel.Phone);
            data.Ticket("2026-03-03T08:00:00Z", agent: bob, channel: Channel.Phone);
            data.Ticket("2026-03-04T08:00:00Z", agent: bob, channel: Channel.Email);
            await data.SaveAsync();
        }

        (await GetAsync(database, "/?" + March)).Document.Card("ticket_volume").Should().Be("3");
        (await GetAsync(database, "/?" + March + "&team=Orders")).Document.Card("ticket_volume").Should().Be("2");
        (await GetAsync(database, "/?" + March + "&team=Orders&channel=email")).Document.Card("ticket_volume")
            .Should().Be("1");
        (await GetAsync(database, "/?" + March + "&agent=A1")).Document.Card("ticket_volume").Should().Be("1");
    }

    [Fact]
    public async Task Survey_numbers_from_fewer_than_five_responses_are_hidden()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            foreach (var score in new[] { 10, 9, 2 })
                data.Survey(SurveyKind.Enps, score, "2026-03-10T10:00:00Z");
            await data.SaveAsync();
        }

        var (html, page) = await GetAsync(database, "/?" + March);

        page.Card("enps").Should().Be("—");
        html.Should().Contain("Hidden: fewer than 5 responses");
    }

    [Fact]
    public async Task An_empty_database_says_how_to_upload_files_or_load_demo_data()
    {
        await using var database = await TestDatabase.CreateAsync();

        var (html, _) = await GetAsync(database, "/");

        html.Should().Contain("No data yet").And.Contain("cskpi import").And.Contain("cskpi demo");
        html.Should().NotContain("<article class=\"card");
    }

    [Fact]
    public async Task Csv_export_of_a_breakdown_escapes_cells_that_look_like_formulas()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Ticket("2026-03-02T08:00:00Z", category: "=HYPERLINK(\"http://evil\")");
            data.Ticket("2026-03-02T09:00:00Z", category: "@sum");
            data.Ticket("2026-03-02T10:00:00Z", category: "billing");
            await data.SaveAsync();
        }
        await using var factory = new CsKpiWebFactory(database.ConnectionString);

        var response = await (await factory.SignedInClientAsync(Roles.Manager))
            .GetAsync(new Uri("/Breakdown?by=category&handler=Csv&" + March, UriKind.Relative));
        var csv = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar
            .Should().Be("cskpi-category-2026-03-01-2026-03-31.csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("category,name,csat,");
        lines.Should().Contain(l => l.StartsWith("'@sum,'@sum,", StringComparison.Ordinal));
        lines.Should().Contain(
            l => l.StartsWith("\"'=hyperlink(\"\"http://evil\"\")\",", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("billing,billing,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Breakdown_rows_drill_down_to_the_overview_with_that_filter()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Ticket("2026-03-02T08:00:00Z", agent: data.Agent("A1", team: "Billing"));
            await data.SaveAsync();
        }

        var (html, _) = await GetAsync(database, "/Breakdown?by=team&" + March);

        html.Should().Contain("href=\"/?period=custom&from=2026-03-01&to=2026-03-31&team=Billing\"");
        html.Should().Contain("data-sortable");
    }

    [Fact]
    public async Task My_stats_shows_the_agent_next_to_their_team()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            var ann = data.Agent("A1", team: "Billing");
            var cid = data.Agent("C1", team: "Billing");
            data.Ticket("2026-03-02T08:00:00Z", agent: ann);
            data.Ticket("2026-03-02T08:00:00Z", agent: cid);
            data.Ticket("2026-03-03T08:00:00Z", agent: cid);
            await data.SaveAsync();
        }

        var (html, page) = await GetAsync(database, "/MyStats?agent=A1&" + March);

        page.One("tr[data-kpi='ticket_volume']").Cells().Should().StartWith(["1"]).And.Contain("3");
        html.Should().Contain("Agent A1");
    }

    [Fact]
    public async Task An_unknown_channel_falls_back_and_says_so()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Ticket("2026-03-02T08:00:00Z");
            await data.SaveAsync();
        }

        var (html, page) = await GetAsync(database, "/?channel=fax&" + March);

        html.Should().Contain("Unknown channel");
        page.Card("ticket_volume").Should().Be("1");
    }

    [Fact]
    public async Task The_overview_is_cached_until_the_data_changes_and_then_shows_the_new_rows_at_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var data = new KpiData(database.CreateContext());
        data.Ticket("2026-03-02T08:00:00Z");
        await data.SaveAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Manager);
        (await client.GetDocumentAsync("/?" + March)).Card("ticket_volume").Should().Be("1");
        (await client.GetDocumentAsync("/?" + March)).Card("ticket_volume").Should().Be("1", "served from the cache");

        data.Ticket("2026-03-03T08:00:00Z");
        await data.SaveAsync();

        (await client.GetDocumentAsync("/?" + March)).Card("ticket_volume")
            .Should().Be("2", "the write moved the data version on");
    }

    private static async Task<(string Text, IHtmlDocument Document)> GetAsync(TestDatabase database, string url)
    {
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Manager);
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return Html.Read(await response.Content.ReadAsStringAsync());
    }
}
