using System.Globalization;
using System.Net;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Kpis;
using CsKpi.Web.Dashboard;
using CsKpi.Web.Tests.Infrastructure;

namespace CsKpi.Web.Tests.Dashboard;

/// <summary>
/// Issue #19 point 2, My stats and the 403 page. Blue: A1 4 tickets (1 complaint) and 600 s of talk, A2 2 tickets,
/// A3 none in March, and 2 tickets without an agent; Red: R1 1 ticket.
/// </summary>
public sealed class GroupComparisonData : SeededApp
{
    private protected override void Seed(KpiData data)
    {
        var a1 = data.Agent("A1", team: "Blue");
        var a2 = data.Agent("A2", team: "Blue");
        data.Agent("A3", team: "Blue");
        var r1 = data.Agent("R1", team: "Red");
        for (var i = 0; i < 4; i++)
        {
            var ticket = data.Ticket($"2026-03-0{i + 2}T08:00:00Z", agent: a1, category: i == 0 ? "complaint" : null);
            data.Interaction(ticket, a1, $"2026-03-0{i + 2}T08:10:00Z", talk: 150);
        }
        data.Ticket("2026-03-10T08:00:00Z", agent: a2);
        data.Ticket("2026-03-11T08:00:00Z", agent: a2);
        data.Ticket("2026-03-12T08:00:00Z").Team = a1.Team;
        data.Ticket("2026-03-13T08:00:00Z").Team = a1.Team;
        data.Ticket("2026-03-14T08:00:00Z", agent: r1);
    }
}

public class GroupComparisonTests(GroupComparisonData data) : IClassFixture<GroupComparisonData>
{
    private const string March = "period=custom&from=2026-03-01&to=2026-03-31";

    [Fact]
    public async Task An_agent_is_compared_with_the_teams_average_per_agent_and_sees_the_total_too()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);

        var page = await manager.GetDocumentAsync("/MyStats?agent=A2&" + March);

        // Blue: 8 tickets (A1 4, A2 2, 2 without an agent) / 2 agents with tickets (A3 has none) = 4.0 per agent.
        page.One("tr[data-kpi='ticket_volume']").Cells().Take(5)
            .Should().Equal("2", "—", "4.0 average per agent", "▼ −2.0", "8");
        // Complaints: 1 / 2 = 0.5; time with customer: 600 s / 1 agent with interactions (A1) = 10 min, A2 none.
        page.One("tr[data-kpi='complaints']").Cells().Take(5)
            .Should().Equal("0", "—", "0.5 average per agent", "▼ −0.5", "1");
        page.One("tr[data-kpi='time_with_customer']").Cells().Take(5)
            .Should().Equal("—", "—", "10 min 00 s average per agent", "—", "10 min 00 s");
    }

    [Fact]
    public async Task A_team_is_compared_with_the_companys_average_per_team()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);

        var page = await manager.GetDocumentAsync("/Benchmarks?team=Red&" + March);

        // The company: 9 tickets / 2 teams with tickets (Blue, Red) = 4.5 per team; Red has 1.
        page.One("tr[data-kpi='ticket_volume']").Cells().Skip(4).Take(3)
            .Should().Equal("4.5 average per team", "▼ −3.5", "9");
    }

    [Fact]
    public void A_difference_that_shows_as_zero_is_neutral()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            var (volume, csat, aht, complaints) = (KpiRegistry.Get(KpiRegistry.TicketVolume),
                KpiRegistry.Get(KpiRegistry.Csat), KpiRegistry.Get(KpiRegistry.Aht),
                KpiRegistry.Get(KpiRegistry.Complaints));
            (ChangeDisplay.Text(volume, 0), ChangeDisplay.Class(volume, 0)).Should().Be(("0", "flat"));
            (ChangeDisplay.Text(csat, -0.04), ChangeDisplay.Class(csat, -0.04)).Should().Be(("0.0 pts", "flat"));
            (ChangeDisplay.Text(aht, 0.4), ChangeDisplay.Class(aht, 0.4)).Should().Be(("0 s", "flat"));
            (ChangeDisplay.Text(complaints, -6), ChangeDisplay.Class(complaints, -6)).Should().Be(("▼ −6", "good"));
            (ChangeDisplay.Text(complaints, 0.26, fractional: true), ChangeDisplay.Class(complaints, 0.26, true))
                .Should().Be(("▲ +0.3", "bad"));
            ChangeDisplay.Text(volume, null).Should().BeNull();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public async Task A_manager_choosing_an_agent_keeps_the_period_and_reads_whose_stats_they_are()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);

        var (html, page) = Html.Read(await manager.GetStringAsync("/MyStats?agent=A1&channel=email&" + March));

        var form = page.One("form.agent-choice");
        form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!,
                i => i.GetAttribute("value"))
            .Should().Contain(new Dictionary<string, string?>
            {
                ["period"] = "custom",
                ["from"] = "2026-03-01",
                ["to"] = "2026-03-31",
                ["channel"] = "email",
            }).And.NotContainKey("agent");
        form.One("option[selected]").TextContent.Should().Be("Agent A1 (A1)");
        html.Should().Contain("<h1>Stats of Agent A1 (A1)</h1>").And.NotContain("My KPIs").And.NotContain("My CSAT");
    }

    [Fact]
    public async Task The_403_page_sends_an_agent_back_to_my_stats_and_a_manager_to_the_overview()
    {
        var agent = await data.Factory.SignedInClientAsync(Roles.Agent, "A1");
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);

        var refused = await agent.GetAsync("/Breakdown?" + March);
        var missing = await manager.GetAsync("/nowhere");

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        Html.Parse(await refused.Content.ReadAsStringAsync()).One("a[data-back]").GetAttribute("href")
            .Should().Be("/MyStats");
        Html.Parse(await missing.Content.ReadAsStringAsync()).One("a[data-back]").GetAttribute("href")
            .Should().Be("/");
    }
}
