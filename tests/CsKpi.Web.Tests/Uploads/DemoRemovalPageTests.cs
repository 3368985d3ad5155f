using System.Net;
using CsKpi.Core.Demo;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Web.Tests.Uploads;

/// <summary>Admin → Upload's "Remove demo data": admins only, off the request, imported records stay.</summary>
public class DemoRemovalPageTests
{
    private const string Page = "/Admin/Uploads";

    [Fact]
    public async Task The_button_removes_the_demo_data_and_keeps_an_imported_ticket_with_its_demo_customer()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var admin = await factory.SignedInClientAsync(Roles.Admin);
        await DemoData.LoadAsync(database.ConnectionString,
            new DemoOptions(Tickets: 300, Seed: 5, Until: new DateOnly(2026, 3, 1), Days: 30), progress: null);
        await using (var db = database.CreateContext())
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO tickets (source_id, created_at, channel, reopened, customer_id)
                VALUES ('R1', '2026-02-20T10:00:00Z', 'chat', false,
                        (SELECT id FROM customers WHERE source_id = 'C000001'))
                """);

        var page = await admin.GetStringAsync(Page);
        page.Should().Contain("Remove demo data");
        var response = await admin.PostAsync(Page + "?handler=RemoveDemo", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = Html.AntiforgeryToken(page) }));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await Eventually.UntilAsync(async () =>
        {
            await using var db = database.CreateContext();
            return !await DemoRemoval.IsPresentAsync(db);
        }, "the demo data is removed");
        await Eventually.UntilAsync(async () => !(await admin.GetStringAsync(Page)).Contains("data-demo"),
            "the notice goes once the removal ends");
        await using (var db = database.CreateContext())
        {
            (await db.Tickets.Select(t => t.SourceId).ToListAsync()).Should().Equal("R1");
            (await db.Customers.Select(c => c.SourceId).ToListAsync()).Should().Equal("C000001");
        }
    }

    [Theory]
    [InlineData(Roles.Agent)]
    [InlineData(Roles.Manager)]
    public async Task Agents_and_managers_get_403_from_the_removal_and_nothing_is_removed(string role)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        await DemoData.LoadAsync(database.ConnectionString,
            new DemoOptions(Tickets: 50, Seed: 5, Until: new DateOnly(2026, 3, 1), Days: 10), progress: null);
        var client = await factory.SignedInClientAsync(role, role == Roles.Agent ? "A001" : null);
        var token = Html.AntiforgeryToken(await client.GetStringAsync("/MyStats"));

        var response = await client.PostAsync(Page + "?handler=RemoveDemo", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using var db = database.CreateContext();
        (await db.Tickets.CountAsync()).Should().Be(50);
    }
}
