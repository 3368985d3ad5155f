using System.Net;
using AngleSharp.Dom;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Kpis;
using CsKpi.Web.Tests.Infrastructure;

namespace CsKpi.Web.Tests.Dashboard;

/// <summary>
/// Team Blue: A1 (the agent signed in) and A2, each with two email tickets in March 2026, resolved, one interaction
/// each, and five CSAT answers (enough to be listed); team Red: B1 with one ticket. The ids of each kind of record
/// are kept per agent, so a test names exactly which rows must and must not appear.
/// </summary>
public sealed class AgentRecordsData : SeededApp
{
    public Dictionary<string, List<string>> Own { get; } = NewKinds();
    public Dictionary<string, List<string>> Teammate { get; } = NewKinds();
    public Dictionary<string, List<string>> OtherTeam { get; } = NewKinds();

    private static Dictionary<string, List<string>> NewKinds() =>
        new() { ["tickets"] = [], ["interactions"] = [], ["responses"] = [] };

    private protected override void Seed(KpiData data)
    {
        var a1 = data.Agent("A1", team: "Blue");
        var a2 = data.Agent("A2", team: "Blue");
        var b1 = data.Agent("B1", team: "Red");
        foreach (var (agent, ids, tickets) in new[] { (a1, Own, 2), (a2, Teammate, 2), (b1, OtherTeam, 1) })
        {
            var created = new List<Ticket>();
            for (var i = 0; i < tickets; i++)
            {
                var day = $"2026-03-{3 + i:00}";
                var ticket = data.Ticket($"{day}T09:00:00Z", Channel.Email, agent, firstResponseSeconds: 60,
                    resolvedAfterSeconds: 3600);
                ids["tickets"].Add(ticket.SourceId);
                ids["interactions"].Add(data.Interaction(ticket, agent, $"{day}T09:05:00Z", talk: 120).SourceId);
                created.Add(ticket);
            }
            for (var i = 0; i < 5; i++)
            {
                var ticket = created[i % created.Count];
                ids["responses"].Add(data.Survey(SurveyKind.Csat, 3 + i % 3, "2026-03-10T09:00:00Z", ticket).SourceId);
            }
        }
        data.Customer("2025-06-01");
        data.Customer("2025-09-01", "2026-03-15");
    }
}

public class AgentRecordsTests(AgentRecordsData data) : IClassFixture<AgentRecordsData>
{
    private const string March = "period=custom&from=2026-03-01&to=2026-03-31";

    /// <summary>Every kind of record an agent may list: tickets created or resolved, interactions, responses.</summary>
    private static readonly (string Kpi, string Kind)[] KindsOfRecords =
    [
        (KpiRegistry.TicketVolume, "tickets"), (KpiRegistry.ResolutionMedian, "tickets"),
        (KpiRegistry.Aht, "interactions"), (KpiRegistry.Csat, "responses"),
    ];

    public static TheoryData<string, string> Kinds()
    {
        var kinds = new TheoryData<string, string>();
        foreach (var (kpi, kind) in KindsOfRecords)
            kinds.Add(kpi, kind);
        return kinds;
    }

    /// <summary>What an agent may pass: nothing, their team, a channel too, themselves, a later page.</summary>
    private static readonly string[] AgentFilters =
    [
        "", "team=Blue&", "team=Blue&channel=email&", "agent=A1&team=Blue&", "team=Blue&page=2&",
        "team=Blue&category=&",
    ];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_agents_list_and_export_hold_only_their_own_records_whatever_the_filter(string kpi, string kind)
    {
        var agent = await data.Factory.SignedInClientAsync(Roles.Agent, "A1");

        foreach (var filters in AgentFilters)
        {
            var url = $"/Records?kpi={kpi}&{filters}{March}";
            (await ListedIdsAsync(agent, url)).Should().BeEquivalentTo(data.Own[kind], $"{url} lists A1's own");
            (await ExportedIdsAsync(agent, url)).Should().BeEquivalentTo(data.Own[kind], $"{url} exports A1's own");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_manager_still_lists_and_exports_the_whole_team(string kpi, string kind)
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);
        var url = $"/Records?kpi={kpi}&team=Blue&{March}";
        var team = data.Own[kind].Concat(data.Teammate[kind]).ToList();

        (await ListedIdsAsync(manager, url)).Should().BeEquivalentTo(team);
        (await ExportedIdsAsync(manager, url)).Should().BeEquivalentTo(team);
        (await ListedIdsAsync(manager, $"/Records?kpi={kpi}&agent=A2&{March}"))
            .Should().BeEquivalentTo(data.Teammate[kind]);
    }

    public static TheoryData<string> Refused => new()
    {
        "agent=A2&", "agent=B1&", "team=Red&", "agent=A2&team=Blue&", "agent=NOBODY&", "team=Nowhere&",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task An_agent_asking_for_anyone_else_or_someone_made_up_gets_403_for_every_kind(string filters)
    {
        var agent = await data.Factory.SignedInClientAsync(Roles.Agent, "A1");

        foreach (var (kpi, _) in KindsOfRecords)
        {
            foreach (var handler in new[] { "", "handler=Csv&" })
            {
                var response = await agent.GetAsync($"/Records?kpi={kpi}&{handler}{filters}{March}");
                response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{kpi} {handler}{filters}");
                var body = await response.Content.ReadAsStringAsync();
                data.Teammate.Values.SelectMany(ids => ids)
                    .Should().NotContain(id => body.Contains($"\"{id}\"", StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [InlineData(KpiRegistry.Churn)]
    [InlineData(KpiRegistry.Retention)]
    public async Task Customers_are_a_company_view_an_agent_neither_lists_nor_exports(string kpi)
    {
        var agent = await data.Factory.SignedInClientAsync(Roles.Agent, "A1");
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);

        foreach (var query in new[] { "", "team=Blue&", "agent=A1&", "handler=Csv&", "handler=Csv&agent=A1&" })
            (await agent.GetAsync($"/Records?kpi={kpi}&{query}{March}")).StatusCode
                .Should().Be(HttpStatusCode.Forbidden, query);
        // #19 point 5: churn lists the churned, retention the retained (before: both active on 1 March, for each).
        (await ListedIdsAsync(manager, $"/Records?kpi={kpi}&{March}"))
            .Should().HaveCount(1, kpi == KpiRegistry.Churn ? "of the two active on 1 March, one left on 15 March"
                : "of the two active on 1 March, one is still active on 1 April");
    }

    [Fact]
    public async Task My_stats_links_an_agent_only_to_their_own_records_even_when_the_query_names_their_team()
    {
        var agent = await data.Factory.SignedInClientAsync(Roles.Agent, "A1");

        foreach (var query in new[] { March, "team=Blue&" + March })
        {
            var page = await agent.GetDocumentAsync("/MyStats?" + query);
            var links = page.QuerySelectorAll("[href^='/Records?']").Select(e => e.GetAttribute("href")!)
                .Concat(MyStatsCharts(page).SelectMany(c => c.Links)).Distinct().ToList();

            links.Should().NotBeEmpty().And.OnlyContain(l => l.Contains("agent=A1", StringComparison.Ordinal));
            var others = data.Teammate.Values.Concat(data.OtherTeam.Values).SelectMany(ids => ids).ToHashSet();
            foreach (var link in links)
                (await ListedIdsAsync(agent, link)).Should().NotIntersectWith(others, link);
        }
    }

    private static IEnumerable<ChartJson> MyStatsCharts(IParentNode page) =>
        page.QuerySelectorAll("[id^='trend-'][id$='-data']")
            .Select(e => ChartJson.Read(page, e.Id![..^"-data".Length]));

    /// <summary>The ids of the rows a records page lists.</summary>
    private static async Task<List<string>> ListedIdsAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, url);
        return Html.Parse(await response.Content.ReadAsStringAsync()).RecordIds();
    }

    /// <summary>The ids (first column) of the rows a records export holds.</summary>
    private static async Task<List<string>> ExportedIdsAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url + "&handler=Csv");
        response.StatusCode.Should().Be(HttpStatusCode.OK, url);
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        return [.. lines.Skip(1).Select(l => l.Split(',')[0])];
    }
}
