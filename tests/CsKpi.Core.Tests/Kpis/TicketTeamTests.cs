using CsKpi.Core.Import;
using CsKpi.Core.Kpis;
using CsKpi.Core.Kpis.Analyses;
using CsKpi.Core.Kpis.Rollups;
using CsKpi.Core.Tests.Import;
using CsKpi.Tests.Infrastructure;

namespace CsKpi.Core.Tests.Kpis;

/// <summary>
/// kpis.md's team rule: a record's team is its ticket's own team (tickets.csv <c>team</c>) when the ticket has one,
/// else its agent's — from the raw rows and from the rollups alike, and in the records behind a number.
/// </summary>
public class TicketTeamTests
{
    // North: T1 (Ann's, no team of its own). South: T2 (Ann's, in South's queue), T3 (Bob's). Billing: T4 (Bob's),
    // T5 (no agent). T6 has neither a team nor an agent.
    private const string Tickets = """
        ticket_id,created_at,channel,agent_id,team,priority,first_response_at
        T1,2026-03-02T09:00:00Z,email,A1,,High,2026-03-02T09:10:00Z
        T2,2026-03-03T09:00:00Z,email,A1,South,,2026-03-03T09:20:00Z
        T3,2026-03-04T09:00:00Z,chat,A2,,URGENT,2026-03-04T09:30:00Z
        T4,2026-03-05T09:00:00Z,phone,A2,Billing,low,2026-03-05T09:05:00Z
        T5,2026-03-06T09:00:00Z,phone,,Billing,normal,
        T6,2026-03-07T09:00:00Z,email,,,,

        """;

    // R1 on T2 (rated agent: Ann, the ticket's) counts for South; R2 on T1 for North; R3 on T3 for South.
    private const string Surveys = """
        response_id,survey,score,submitted_at,ticket_id
        R1,csat,5,2026-03-03T12:00:00Z,T2
        R2,csat,2,2026-03-02T12:00:00Z,T1
        R3,csat,4,2026-03-04T12:00:00Z,T3

        """;

    // Ann handles I1 on T4: Billing's; I2 on T1: North's.
    private const string Interactions = """
        interaction_id,ticket_id,agent_id,started_at,talk_seconds
        I1,T4,A1,2026-03-05T09:05:00Z,100
        I2,T1,A1,2026-03-02T09:10:00Z,300

        """;

    [Fact]
    public async Task A_ticket_counts_for_its_own_team_else_its_agents()
    {
        await using var database = await ImportedAsync();
        await using var db = database.CreateContext();
        var march = ReportPeriod.Dates(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1), TimeZoneInfo.Utc);
        (await DailyRollups.RefreshAsync(db, "UTC")).Should().BeTrue();

        foreach (var options in new[] { KpiEngineOptions.RawRows, new KpiEngineOptions() })
        {
            var reports = new KpiReports(db, options);
            var byTeam = await reports.RunAsync(new KpiRequest(march, KpiFilters.None, Grouping.Team));
            var groups = byTeam.Groups!.ToDictionary(g => g.Key ?? "(none)");
            groups.Keys.Should().BeEquivalentTo(["North", "South", "Billing", "(none)"], $"{options}");
            groups.ToDictionary(g => g.Key, g => g.Value.Kpis[KpiRegistry.TicketVolume].Value).Should()
                .Equal(new Dictionary<string, double?>
                {
                    ["North"] = 1,
                    ["South"] = 2,
                    ["Billing"] = 2,
                    ["(none)"] = 1,
                }, $"{options}");
            groups["South"].Kpis[KpiRegistry.Csat].Value.Should().Be(100, "R1 (5) and R3 (4) are satisfied");
            groups["North"].Kpis[KpiRegistry.Csat].Value.Should().Be(0, "R2 (2) on Ann's T1");
            groups["Billing"].Kpis[KpiRegistry.Aht].Value.Should().Be(100, "Ann's I1 on Billing's T4");
            groups["North"].Kpis[KpiRegistry.Aht].Value.Should().Be(300);

            var south = await reports.RunAsync(new KpiRequest(march, new KpiFilters(Team: "South")));
            south.Kpis[KpiRegistry.TicketVolume].Value.Should().Be(2, $"{options}");
            south.Kpis[KpiRegistry.FirstResponseMean].Value.Should().Be(1500, "T2 20 min and T3 30 min");
            south.Kpis[KpiRegistry.Csat].Count.Should().Be(2);
            south.Kpis[KpiRegistry.Aht].Count.Should().Be(0, "no interaction on South's tickets");
        }

        var records = await new Drillthrough(db).PageAsync(KpiRegistry.Get(KpiRegistry.TicketVolume), march,
            KpiFilters.None, page: 1);
        records.Rows.ToDictionary(r => r.TicketId, r => r.Team).Should().Equal(new Dictionary<string, string?>
        {
            ["T1"] = "North",
            ["T2"] = "South",
            ["T3"] = "South",
            ["T4"] = "Billing",
            ["T5"] = "Billing",
            ["T6"] = null,
        });
        var responses = await new Drillthrough(db).ResponsesAsync(KpiRegistry.Get(KpiRegistry.Csat), march,
            new KpiFilters(Team: "South"), page: 1);
        responses.Rows.Select(r => (r.ResponseId, r.Agent, r.Team)).Should()
            .BeEquivalentTo([("R1", (string?)"A1", (string?)"South"), ("R3", "A2", "South")]);
    }

    [Fact]
    public async Task Tickets_keep_their_team_and_priority_and_a_team_is_created_on_first_use()
    {
        await using var database = await ImportedAsync();

        (await Importing.ScalarAsync<string>(database, """
            SELECT string_agg(t.source_id || ':' || coalesce(m.name, '-') || ':' || t.priority, ' '
                              ORDER BY t.source_id)
            FROM tickets t LEFT JOIN teams m ON m.id = t.team_id
            """)).Should().Be("T1:-:high T2:South:normal T3:-:urgent T4:Billing:low T5:Billing:normal T6:-:normal");
        (await Importing.ScalarAsync<long>(database, "SELECT count(*) FROM teams")).Should()
            .Be(3, "North and South from agents.csv, Billing from tickets.csv");
    }

    [Fact]
    public async Task A_ticket_leaving_its_team_moves_its_responses_in_the_rollups()
    {
        await using var database = await ImportedAsync();
        var march = ReportPeriod.Dates(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1), TimeZoneInfo.Utc);
        await using (var db = database.CreateContext())
            (await DailyRollups.RefreshAsync(db, "UTC")).Should().BeTrue();

        var summary = await Importing.ImportAsync(database, ImportKind.Tickets,
            "ticket_id,created_at,channel,agent_id,team\nT2,2026-03-03T09:00:00Z,email,A1,\n");
        summary.Errors.Should().BeEmpty();

        await using var after = database.CreateContext();
        (await DailyRollups.RefreshAsync(after, "UTC")).Should().BeTrue();
        var north = await new KpiReports(after).RunAsync(new KpiRequest(march, new KpiFilters(Team: "North")));
        north.Kpis[KpiRegistry.Csat].Count.Should().Be(2, "R1 follows T2 to Ann's team");
        north.Kpis[KpiRegistry.Csat].Value.Should().Be(50);
        north.Kpis[KpiRegistry.TicketVolume].Value.Should().Be(2);
    }

    [Fact]
    public async Task A_mapping_takes_the_ticket_team_and_the_team_of_agents_it_creates_from_different_columns()
    {
        await using var database = await TestDatabase.CreateAsync();
        var mapping = new ImportMapping
        {
            Kinds =
            [
                new MappedKind(ImportKind.Tickets, new Dictionary<string, ColumnSource>
                {
                    ["ticket_id"] = new() { Header = "Id" },
                    ["created_at"] = new() { Header = "Created" },
                    ["channel"] = new() { Value = "email" },
                    ["agent_id"] = new() { Header = "Assignee" },
                    ["team"] = new() { Header = "Group" },
                }),
            ],
            AgentsByName = true,
            CreateAgents = true,
            TeamHeader = "Supervisor",
        };
        const string Csv = """
            Id,Created,Assignee,Supervisor,Group
            1,2026-03-02T09:00:00Z,Eva Rossi,Marco,Billing
            2,2026-03-02T10:00:00Z,Eva Rossi,Marco,Returns
            3,2026-03-02T11:00:00Z,Jan Nowak,Marco,

            """;

        var summary = await new CsvImporter(database.ConnectionString).ImportAsync(mapping,
            new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Csv)), "export.csv", "tester",
            new ImportOptions { Mapping = mapping });

        summary.Errors.Should().BeEmpty();
        (await Importing.ScalarAsync<string>(database, """
            SELECT string_agg(a.name || ':' || m.name, ' ' ORDER BY a.name)
            FROM agents a JOIN teams m ON m.id = a.team_id
            """)).Should().Be("Eva Rossi:Marco Jan Nowak:Marco", "agents are created in their supervisor's team");
        (await Importing.ScalarAsync<string>(database, """
            SELECT string_agg(t.source_id || ':' || coalesce(m.name, '-'), ' ' ORDER BY t.source_id)
            FROM tickets t LEFT JOIN teams m ON m.id = t.team_id
            """)).Should().Be("1:Billing 2:Returns 3:-", "each ticket is in its own group");
        await using var db = database.CreateContext();
        var byTeam = await new KpiReports(db, KpiEngineOptions.RawRows).RunAsync(new KpiRequest(
            ReportPeriod.Dates(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1), TimeZoneInfo.Utc),
            KpiFilters.None, Grouping.Team));
        byTeam.Groups!.Where(g => g.Kpis[KpiRegistry.TicketVolume].Value > 0)
            .ToDictionary(g => g.Key!, g => g.Kpis[KpiRegistry.TicketVolume].Value).Should()
            .Equal(new Dictionary<string, double?> { ["Billing"] = 1, ["Returns"] = 1, ["Marco"] = 1 });
    }

    [Fact]
    public async Task An_unknown_priority_is_a_row_error()
    {
        await using var database = await TestDatabase.CreateAsync();
        var summary = await Importing.ImportAsync(database, ImportKind.Tickets,
            "ticket_id,created_at,channel,priority\nT1,2026-03-02T09:00:00Z,email,asap\n");

        summary.Outcome.Should().Be(ImportOutcome.Rejected);
        summary.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Line = 2L,
            Column = "priority",
            Value = "asap",
            Reason = "unknown priority (use low, normal, high, urgent)",
        });
    }

    private static async Task<TestDatabase> ImportedAsync()
    {
        var database = await TestDatabase.CreateAsync();
        foreach (var (kind, csv) in new[]
        {
            (ImportKind.Agents, "agent_id,name,team\nA1,Ann,North\nA2,Bob,South\n"), (ImportKind.Tickets, Tickets),
            (ImportKind.Surveys, Surveys), (ImportKind.Interactions, Interactions),
        })
        {
            var summary = await Importing.ImportAsync(database, kind, csv);
            summary.Errors.Should().BeEmpty($"{kind} imports");
        }
        return database;
    }
}
