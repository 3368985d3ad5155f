using System.Net;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Kpis;
using CsKpi.Web.Tests.Infrastructure;

namespace CsKpi.Web.Tests.Dashboard;

/// <summary>
/// March 2026: T1 (Mon 2 Mar 08:00 UTC, open), T2 (Tue 3 Mar 09:00, resolved 4 Mar), T3 (Mon 30 Mar 08:00, open);
/// CSAT comments on T1 and T2; four eNPS responses of team Billing with comments (fewer than 5: hidden).
/// </summary>
public sealed class ViewsData : SeededApp
{
    private protected override void Seed(KpiData data)
    {
        var a1 = data.Agent("A1", team: "Billing");
        var a2 = data.Agent("A2", team: "Billing");
        var t1 = data.Ticket("2026-03-02T08:00:00Z", agent: a1);
        var t2 = data.Ticket("2026-03-03T09:00:00Z", agent: a2, resolvedAfterSeconds: 86_400);
        data.Ticket("2026-03-30T08:00:00Z", agent: a1);
        data.Survey(SurveyKind.Csat, 5, "2026-03-05T10:00:00Z", t1).Comment = "Quick and <b>kind</b>";
        data.Survey(SurveyKind.Csat, 2, "2026-03-06T10:00:00Z", t2).Comment = "Took 50% too long";
        for (var i = 0; i < 4; i++)
            data.Survey(SurveyKind.Enps, 7, "2026-03-10T09:00:00Z", agent: i % 2 == 0 ? a1 : a2).Comment = "secret";
    }
}

public class ViewsPageTests(ViewsData data) : IClassFixture<ViewsData>
{
    private const string March = "period=custom&from=2026-03-01&to=2026-03-31";

    [Theory]
    [InlineData("/Backlog?" + March)]
    [InlineData("/Heatmap?" + March)]
    [InlineData("/Comments?q=50%25&" + March)]
    public async Task Managers_and_admins_open_the_views_and_agents_get_403(string url)
    {
        var agent = await data.Factory.SignedInClientAsync(Roles.Agent, agentId: "A1");
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);
        var admin = await data.Factory.SignedInClientAsync(Roles.Admin);

        var refused = await agent.GetAsync(url);

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).Should().NotContain("Took 50%").And.NotContain("data-kpi=");
        (await manager.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_nav_links_the_views_for_managers_only()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);
        var agent = await data.Factory.SignedInClientAsync(Roles.Agent, agentId: "A1");

        var nav = (await manager.GetDocumentAsync("/Backlog?" + March)).One("header nav");
        var agentsNav = (await agent.GetDocumentAsync("/MyStats?" + March)).One("header nav");

        nav.QuerySelectorAll("a").Select(a => a.TextContent).Should()
            .Contain(new[] { "Backlog", "Heatmap", "Comments" });
        agentsNav.QuerySelectorAll("a").Select(a => a.TextContent).Should().NotContain("Backlog");
    }

    [Fact]
    public async Task Backlog_shows_the_open_tickets_at_the_end_and_created_vs_solved_per_bucket()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);

        var page = await manager.GetDocumentAsync("/Backlog?bucket=week&" + March);

        page.One("#backlog-totals [data-kpi='backlog'] dd").TextContent.Should().StartWith("2");
        page.One("#backlog-totals [data-kpi='tickets_solved'] dd").TextContent.Should().StartWith("1");
        // Week of 2 Mar: open at its end (Mon 9 Mar) T1; created T1, T2; solved T2.
        page.One("tr[data-bucket='2026-03-02']").Cells().Should().Equal("1", "6 d 16 h", "2", "1");
    }

    [Fact]
    public async Task The_heatmap_writes_every_cells_number()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);

        var page = await manager.GetDocumentAsync("/Heatmap?" + March);

        page.QuerySelectorAll("#heatmap tbody td").Length.Should().Be(7 * 24);
        page.One("tr[data-weekday='1'] td[data-hour='8']").TextContent.Trim().Should().Be("2", "T1 and T3");
        page.One("tr[data-weekday='2'] td[data-hour='9']").TextContent.Trim().Should().Be("1");
        page.One("tr[data-weekday='3'] td[data-hour='9']").TextContent.Trim().Should().Be("0");
    }

    [Fact]
    public async Task Comments_search_literally_escape_html_and_hide_a_small_groups_enps()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);

        var all = await manager.GetStringAsync("/Comments?" + March);
        var search = await manager.GetDocumentAsync("/Comments?q=50%25&" + March);

        all.Should().Contain("Quick and &lt;b&gt;kind&lt;/b&gt;").And.NotContain("secret")
            .And.Contain("id=\"enps-hidden\"");
        search.QuerySelectorAll("#comments tbody tr").Select(r => r.Cells()[3]).Should()
            .Equal("Took 50% too long");
        search.One("#comments tbody tr").Cells()[5].Should().Be("T2");
    }
}
