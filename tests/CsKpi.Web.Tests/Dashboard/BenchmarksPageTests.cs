using System.Net;
using AngleSharp.Dom;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Kpis;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;

namespace CsKpi.Web.Tests.Dashboard;

/// <summary>
/// Billing: A1 (1 ticket in March 2026, 2 in March 2025), A2 (2 in March 2026); Orders: B1 (1 in March 2026, 1 in
/// February 2026).
/// </summary>
public sealed class BenchmarksData : SeededApp
{
    private protected override void Seed(KpiData data)
    {
        var a1 = data.Agent("A1", team: "Billing");
        var a2 = data.Agent("A2", team: "Billing");
        var b1 = data.Agent("B1", team: "Orders");
        data.Ticket("2026-03-02T08:00:00Z", agent: a1);
        data.Ticket("2025-03-03T08:00:00Z", agent: a1);
        data.Ticket("2025-03-20T08:00:00Z", agent: a1);
        data.Ticket("2026-03-03T08:00:00Z", agent: a2);
        data.Ticket("2026-03-04T08:00:00Z", agent: a2);
        data.Ticket("2026-03-05T08:00:00Z", agent: b1);
        data.Ticket("2026-02-05T08:00:00Z", agent: b1);
    }
}

public class BenchmarksPageTests(BenchmarksData data) : IClassFixture<BenchmarksData>
{
    private const string March = "period=custom&from=2026-03-01&to=2026-03-31";

    [Fact]
    public async Task A_team_against_the_company_the_previous_period_and_a_year_earlier()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);

        var (html, page) = Html.Read(await manager.GetStringAsync("/Benchmarks?team=Billing&" + March));

        html.Should().Contain("Benchmarks: Team Billing");
        // value 3 | vs previous (Feb: 0 tickets → no data) | a year earlier 2 | +1 | #19 point 2: the company's
        // average per team, 4 tickets / 2 teams = 2.0 | +1.0 | the company's total 4 | no target
        Cells(page, "ticket_volume").Should().Equal("3", "—", "2", "▲ +1", "2.0 average per team", "▲ +1.0", "4", "—");
        var link = page.One("tr[data-kpi='ticket_volume'] a[href]").GetAttribute("href")!;
        WebUtility.HtmlDecode(await manager.GetStringAsync(link))
            .Should().Contain("3 tickets: exactly", "the value opens the team's tickets");
    }

    [Fact]
    public async Task An_agent_against_their_team()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);

        var (html, page) = Html.Read(await manager.GetStringAsync("/Benchmarks?agent=A1&" + March));

        html.Should().Contain("Benchmarks: Agent A1").And.Contain("Team Billing");
        // #19 point 2: Billing's 3 tickets / 2 agents with tickets (A1, A2) = 1.5 per agent; A1 is 0.5 below it.
        Cells(page, "ticket_volume").Should().Equal("1", "—", "2", "▼ −1", "1.5 average per agent", "▼ −0.5", "3", "—");
        // A difference of 0 is neutral: no arrow, no colour (was "▼ −…" against the team's total).
        var complaints = page.One("tr[data-kpi='complaints']").QuerySelectorAll("td")[5];
        (complaints.TextContent.Trim(), complaints.ClassList.Contains("flat")).Should().Be(("0.0", true));
    }

    [Fact]
    public async Task An_agent_sees_their_own_benchmark_against_their_team_and_nobody_elses()
    {
        var agent = await data.Factory.SignedInClientAsync(Roles.Agent, "A1");

        var (html, page) = Html.Read(await agent.GetStringAsync("/Benchmarks?" + March));

        html.Should().Contain("Benchmarks: Agent A1");
        Cells(page, "ticket_volume").Should().Equal("1", "—", "2", "▼ −1", "1.5 average per agent", "▼ −0.5", "3", "—");
        html.Should().NotContain("The company");
        (await agent.GetAsync("/Benchmarks?agent=A2&" + March)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await agent.GetAsync("/Benchmarks?team=Orders&" + March)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await agent.GetAsync("/Benchmarks?agent=B1&team=Billing&" + March)).StatusCode
            .Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_agent_benchmarking_their_team_gets_no_company_column()
    {
        var agent = await data.Factory.SignedInClientAsync(Roles.Agent, "A1");

        var html = WebUtility.HtmlDecode(await agent.GetStringAsync("/Benchmarks?agent=&team=Billing&" + March));

        html.Should().Contain("Benchmarks: Agent A1", "an agent's subject is always themselves");
        html.Should().NotContain("The company");
    }

    private static List<string> Cells(IParentNode page, string kpi) => page.One($"tr[data-kpi='{kpi}']").Cells();
}
