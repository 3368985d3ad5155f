using CsKpi.Cli;
using CsKpi.Core.Demo;
using CsKpi.Core.Import;
using CsKpi.Core.Tests.Cli;
using CsKpi.Core.Tests.Import;
using CsKpi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Tests.Demo;

/// <summary><c>cskpi demo --remove</c>: the demo records go, imported ones stay with what they refer to.</summary>
public class DemoRemovalTests
{
    private static readonly DemoOptions Small = new(Tickets: 600, Seed: 3, Until: new DateOnly(2026, 3, 1), Days: 60);

    [Fact]
    public async Task Removal_keeps_a_demo_team_an_imported_ticket_is_in()
    {
        await using var database = await TestDatabase.CreateAsync();
        await DemoData.LoadAsync(database.ConnectionString, Small, progress: null);
        var summary = await Importing.ImportAsync(database, ImportKind.Tickets,
            "ticket_id,created_at,channel,team\nR1,2026-02-20T10:00:00Z,chat,Orders\n");
        summary.Outcome.Should().Be(ImportOutcome.Imported, string.Join("\n", summary.Errors));

        await DemoRemoval.RemoveAsync(database.ConnectionString);

        await using var db = database.CreateContext();
        (await db.Teams.Select(t => new { t.Name, t.IsDemo }).ToListAsync())
            .Should().BeEquivalentTo([new { Name = "Orders", IsDemo = false }], "R1 is in the Orders queue");
        (await db.Tickets.Select(t => t.Team!.Name).SingleAsync()).Should().Be("Orders");
    }

    [Fact]
    public async Task Removal_keeps_imported_records_and_the_demo_customer_and_agent_they_refer_to()
    {
        await using var database = await TestDatabase.CreateAsync();
        await DemoData.LoadAsync(database.ConnectionString, Small, progress: null);
        int demoTickets;
        await using (var before = database.CreateContext())
            demoTickets = await before.Tickets.CountAsync();
        // A new ticket of a demo customer and agent, and a demo ticket the import restates (by its source id).
        var summary = await Importing.ImportAsync(database, ImportKind.Tickets,
            "ticket_id,created_at,channel,customer_id,agent_id\n" +
            "R1,2026-02-20T10:00:00Z,chat,C000001,A001\n" +
            "T00000002,2026-02-21T10:00:00Z,email,C000002,A001\n");
        summary.Outcome.Should().Be(ImportOutcome.Imported, string.Join("\n", summary.Errors));

        var removed = await DemoRemoval.RemoveAsync(database.ConnectionString);

        removed.Tickets.Should().Be(demoTickets - 1, "T00000002 is the import's now");
        removed.Kept.Should().Be(4, "customers C000001 and C000002, agent A001 and its team");
        await using var db = database.CreateContext();
        (await db.Tickets.Select(t => t.SourceId).OrderBy(s => s).ToListAsync())
            .Should().Equal("R1", "T00000002");
        (await db.Customers.Select(c => c.SourceId).OrderBy(s => s).ToListAsync())
            .Should().Equal("C000001", "C000002");
        (await db.Agents.Select(a => a.SourceId).ToListAsync()).Should().Equal("A001");
        (await db.Teams.CountAsync()).Should().Be(1);
        (await db.Interactions.CountAsync()).Should().Be(0);
        (await db.SurveyResponses.CountAsync()).Should().Be(0);
        (await DemoRemoval.IsPresentAsync(db)).Should().BeFalse("what stays counts as imported");
    }

    [Fact]
    public async Task Cli_removes_the_demo_data_prints_what_it_removed_and_exits_0()
    {
        await using var database = await TestDatabase.CreateAsync();
        var connection = new[] { "--connection", database.ConnectionString };
        (await DbMigrateCommandTests.RunAsync(["demo", "--tickets", "600", "--seed", "3", "--until", "2026-03-01",
            "--days", "60", .. connection])).Exit.Should().Be(CliApp.Success);
        await using (var db = database.CreateContext())
            (await DemoRemoval.IsPresentAsync(db)).Should().BeTrue();

        var (exit, output, error) = await DbMigrateCommandTests.RunAsync(["demo", "--remove", .. connection]);

        exit.Should().Be(CliApp.Success, error);
        output.Should().StartWith("Removed the demo data in ").And.Contain(" tickets, ");
        await using (var db = database.CreateContext())
        {
            (await db.Tickets.CountAsync()).Should().Be(0);
            (await db.Customers.CountAsync()).Should().Be(0);
            (await db.Agents.CountAsync()).Should().Be(0);
        }
        (await DbMigrateCommandTests.RunAsync(["demo", "--remove", .. connection])).Output
            .Should().StartWith("No demo data to remove.");
    }
}
