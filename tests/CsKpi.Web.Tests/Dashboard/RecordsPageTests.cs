using System.Net;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Kpis;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;

namespace CsKpi.Web.Tests.Dashboard;

/// <summary>
/// Drill-through from a number to the tickets behind it: 60 tickets in March 2026, A1 (Blue) has 2 complaints.
/// </summary>
public sealed class RecordsData : SeededApp
{
    private protected override void Seed(KpiData data)
    {
        var a1 = data.Agent("A1", team: "Blue");
        var b1 = data.Agent("B1", team: "Red");
        var first = data.Ticket("2026-03-01T08:00:00Z", Channel.Phone, a1, category: "complaint",
            firstResponseSeconds: 60, interactions: 1);
        for (var i = 0; i < 3; i++)
            data.Survey(SurveyKind.Csat, 5, "2026-03-05T08:00:00Z", first);
        data.Ticket("2026-03-02T08:00:00Z", Channel.Email, a1, category: "=cmd|' /C calc'!A0",
            firstResponseSeconds: 120);
        data.Ticket("2026-03-03T08:00:00Z", Channel.Chat, a1, category: "complaint");
        for (var i = 0; i < 57; i++)
        {
            var ticket = data.Ticket($"2026-03-{4 + (i % 25):00}T09:00:00Z", Channel.Email, b1);
            if (i < 5)
                data.Survey(SurveyKind.Csat, 2 + i % 3, "2026-03-29T08:00:00Z", ticket);
        }
        // Customers for churn: three active on 1 March (one leaves in March), one gone before, one joining later.
        data.Customer("2025-06-01");
        data.Customer("2025-09-01", "2026-03-15");
        data.Customer("2026-02-28");
        data.Customer("2025-01-01", "2026-02-01");
        data.Customer("2026-03-10");
    }
}

public class RecordsPageTests(RecordsData data) : IClassFixture<RecordsData>
{
    private const string March = "period=custom&from=2026-03-01&to=2026-03-31";

    [Fact]
    public async Task A_kpi_card_links_to_its_tickets_which_page_server_side()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);
        var overview = await manager.GetDocumentAsync("/?" + March);
        var link = overview.One("[data-kpi='ticket_volume'] a[href]").GetAttribute("href")!;
        link.Should().Contain("/Records?").And.Contain("kpi=ticket_volume").And.Contain("from=2026-03-01");

        var (first, firstPage) = Html.Read(await manager.GetStringAsync(link));
        var second = await manager.GetDocumentAsync(link + "&page=2");

        first.Should().Contain("60 tickets: exactly the ones the number counts").And.Contain("Page 1 of 2");
        firstPage.Count("tr[data-record]").Should().Be(50);
        second.Count("tr[data-record]").Should().Be(10);
        first.Should().Contain("rel=\"next\"").And.NotContain("rel=\"prev\"");
    }

    [Fact]
    public async Task A_breakdown_cell_opens_the_tickets_of_its_row()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);
        var breakdown = await manager.GetDocumentAsync("/Breakdown?by=team&" + March);

        var link = breakdown.QuerySelectorAll("a[href^='/Records?']").Select(a => a.GetAttribute("href")!)
            .First(l => l.Contains("team=Blue", StringComparison.Ordinal)
                && l.Contains("kpi=ticket_volume", StringComparison.Ordinal));

        WebUtility.HtmlDecode(await manager.GetStringAsync(link)).Should().Contain("3 tickets: exactly");
    }

    [Fact]
    public async Task A_trend_point_opens_the_records_of_its_bucket()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);
        var overview = await manager.GetDocumentAsync("/?kpi=ticket_volume&bucket=week&team=Blue&" + March);

        var chart = ChartJson.Read(overview, "trend");
        var links = chart.Links;
        var values = chart.Values.Select(v => v ?? 0).ToList();

        links.Should().HaveCount(values.Count);
        links[0].Should().Contain("from=2026-03-01")
            .And.Contain("to=2026-03-01", "the first ISO week starts on 23 February: clipped to the period")
            .And.Contain("team=Blue").And.Contain("kpi=ticket_volume");
        links[1].Should().Contain("from=2026-03-02").And.Contain("to=2026-03-08");
        for (var i = 0; i < links.Count; i++)
        {
            var page = WebUtility.HtmlDecode(await manager.GetStringAsync(links[i]));
            page.Should().Contain($"{values[i]:0} tickets: exactly", $"point {i} lists as many tickets as it counts");
        }
    }

    [Fact]
    public async Task A_channel_bar_opens_the_tickets_of_its_channel()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);
        var overview = await manager.GetDocumentAsync("/?" + March);

        var chart = ChartJson.Read(overview, "volume-by-channel");
        var links = chart.Links;
        var values = chart.Values.Select(v => v ?? 0).ToList();

        links.Should().HaveCount(5).And.Contain(l => l.Contains("channel=phone", StringComparison.Ordinal));
        for (var i = 0; i < links.Count; i++)
        {
            WebUtility.HtmlDecode(await manager.GetStringAsync(links[i]))
                .Should().Contain($"{values[i]:0} tickets: exactly");
        }
    }

    [Fact]
    public async Task The_list_has_the_numbers_filters_and_counts_only_what_the_kpi_counts()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);

        var complaints = WebUtility.HtmlDecode(
            await manager.GetStringAsync("/Records?kpi=complaints&team=Blue&" + March));
        var firstResponse = WebUtility.HtmlDecode(
            await manager.GetStringAsync("/Records?kpi=first_response_median&" + March));

        complaints.Should().Contain("2 tickets: exactly");
        firstResponse.Should().Contain("2 tickets: exactly", "only tickets with a first response are in the median");
        (await manager.GetAsync("/Records?kpi=enps&" + March)).StatusCode
            .Should().Be(HttpStatusCode.NotFound, "employees' own answers are never listed");
        var (churn, churnPage) = Html.Read(await manager.GetStringAsync("/Records?kpi=churn&" + March));
        // #19 point 5: churn lists the churned customers (before: the 3 active on 1 March, its denominator).
        churn.Should().Contain("1 customers: the ones active when the period starts who cancelled in it",
            "of the 3 customers active on 1 March, one cancelled on 15 March");
        churnPage.Count("tr[data-record]").Should().Be(1);
        (await manager.GetStringAsync("/Records?kpi=retention&handler=Csv&" + March)).Split('\n')[0]
            .Should().Be("customer_id,customer_since,cancelled_on,segment");
        var agent = await data.Factory.SignedInClientAsync(Roles.Agent, "A1");
        (await agent.GetAsync("/Records?kpi=churn&" + March)).StatusCode
            .Should().Be(HttpStatusCode.Forbidden, "customers are a company-wide view");
        (await manager.GetAsync("/Records?kpi=nonsense&" + March)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Survey_and_interaction_kpis_list_their_responses_and_interactions_unless_too_few_to_show()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);

        var (csat, csatPage) = Html.Read(await manager.GetStringAsync("/Records?kpi=csat&" + March));
        var aht = WebUtility.HtmlDecode(await manager.GetStringAsync("/Records?kpi=aht&" + March));
        var (fewCsat, fewCsatPage) = Html.Read(await manager.GetStringAsync("/Records?kpi=csat&agent=A1&" + March));

        csat.Should().Contain("8 responses: exactly");
        csatPage.Count("tr[data-record]").Should().Be(8);
        aht.Should().Contain("1 interactions: exactly");
        fewCsat.Should().Contain("3 responses: exactly")
            .And.Contain("Hidden: fewer than 5 responses could identify people.");
        fewCsatPage.Count("tr[data-record]")
            .Should().Be(0, "three answers about one agent would identify the customers");
        (await manager.GetAsync("/Records?kpi=csat&handler=Csv&agent=A1&" + March)).StatusCode
            .Should().Be(HttpStatusCode.Forbidden);
        var allTickets = (await manager.GetStringAsync("/Records?kpi=ticket_volume&handler=Csv&" + March))
            .Split('\n');
        allTickets[1].Should().EndWith(",1,60,5,", "all tickets carry 8 answers: the first ticket's CSAT shows");
        var export = await manager.GetStringAsync("/Records?kpi=csat&handler=Csv&" + March);
        export.Split('\n')[0].Should().Be("response_id,submitted_at,survey,score,ticket_id,agent_id,team,comment");
    }

    [Fact]
    public async Task The_export_has_one_row_per_ticket_with_cells_escaped()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);

        var response = await manager.GetAsync("/Records?kpi=ticket_volume&handler=Csv&team=Blue&" + March);

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        lines[0].Should().Be("ticket_id,created_at,channel,category,agent_id,team,first_response_seconds,"
            + "resolution_seconds,interactions,handle_seconds,csat,nps");
        lines.Should().HaveCount(4);
        lines[1].Should().Be("T1,2026-03-01T08:00:00Z,phone,complaint,A1,Blue,60,,1,60,,",
            "Blue's tickets carry 3 CSAT answers: too few to show");
        lines[2].Should().Contain(",'=cmd|' /C calc'!A0,", "a formula is escaped");
    }

    [Fact]
    public async Task An_agent_sees_their_own_tickets_and_not_a_colleagues()
    {
        var agent = await data.Factory.SignedInClientAsync(Roles.Agent, "A1");

        var own = WebUtility.HtmlDecode(await agent.GetStringAsync("/Records?kpi=ticket_volume&" + March));

        own.Should().Contain("3 tickets: exactly");
        var myStats = await agent.GetDocumentAsync("/MyStats?" + March);
        var link = myStats.One("tr[data-kpi='ticket_volume'] a[href]").GetAttribute("href")!;
        link.Should().Contain("agent=A1").And.Contain("kpi=ticket_volume");
        WebUtility.HtmlDecode(await agent.GetStringAsync(link))
            .Should().Contain("3 tickets: exactly", "My stats opens the agent's own tickets");
        (await agent.GetAsync("/Records?kpi=ticket_volume&agent=B1&" + March)).StatusCode
            .Should().Be(HttpStatusCode.Forbidden);
        (await agent.GetAsync("/Records?kpi=ticket_volume&team=Red&" + March)).StatusCode
            .Should().Be(HttpStatusCode.Forbidden);
        (await agent.GetAsync("/Records?kpi=ticket_volume&handler=Csv&agent=B1&" + March)).StatusCode
            .Should().Be(HttpStatusCode.Forbidden);
    }
}
