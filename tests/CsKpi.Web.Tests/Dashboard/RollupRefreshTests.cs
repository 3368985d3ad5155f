using System.Net;
using CsKpi.Core.Import;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;
using CsKpi.Web.Uploads;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests.Dashboard;

/// <summary>The rollups are refreshed by the web app's background service, never inside a request.</summary>
public class RollupRefreshTests
{
    [Fact]
    public async Task The_overview_after_a_write_reads_the_raw_rows_and_an_ended_import_wakes_the_background_refresh()
    {
        await using var database = await TestDatabase.CreateAsync();
        // Polls a day apart: within the test only the start and the import's wake refresh the rollups.
        await using var factory = new CsKpiWebFactory(database.ConnectionString)
            .WithWebHostBuilder(b => b.UseSetting("Dashboard:RollupPollSeconds", "86400"));
        var client = await factory.SignedInClientAsync(Roles.Admin);
        await Eventually.UntilAsync(() => CurrentAsync(database), "the service builds the rollups at start",
            TimeSpan.FromMinutes(2));

        // A write from outside the app (psql): its day is marked, and no request refreshes it.
        await ExecuteAsync(database, """
            INSERT INTO agents (source_id, name) VALUES ('A1', 'Ann');
            INSERT INTO tickets (source_id, created_at, channel, agent_id, reopened, repeat_contact, interaction_count)
            SELECT 'P1', '2026-03-10T10:00:00Z', 'chat', id, false, false, 0 FROM agents;
            """);
        var response = await client.GetAsync(new Uri("/?period=custom&from=2026-03-01&to=2026-03-31",
            UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Parse(await response.Content.ReadAsStringAsync()).Card("ticket_volume")
            .Should().Be("1", "the overview reads the raw rows at once");
        (await CurrentAsync(database)).Should().BeFalse("the request did not refresh the rollups");
        (await DirtyDaysAsync(database)).Should().Equal("2026-03-10");

        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, "ticket_id,created_at,channel,agent_id\nU1,2026-03-12T09:00:00Z,email,A1\n");
        var job = factory.Services.GetRequiredService<ImportJobs>()
            .Start(ImportKind.Tickets, path, "tickets.csv", "tester", new ImportOptions());
        await Eventually.UntilAsync(() => Task.FromResult(job.Done), "the import ends", TimeSpan.FromMinutes(2));
        job.Summary!.Inserted.Should().Be(1, job.Failure);

        await Eventually.UntilAsync(() => CurrentAsync(database), "the ended import woke the background refresh",
            TimeSpan.FromMinutes(2));
        (await DirtyDaysAsync(database)).Should().BeEmpty();
    }

    private static async Task<bool> CurrentAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await DailyRollups.CurrentAsync(db, "UTC");
    }

    private static async Task<List<string>> DirtyDaysAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Database
            .SqlQueryRaw<string>("""SELECT to_char(day, 'YYYY-MM-DD') AS "Value" FROM kpi_rollup_dirty""")
            .ToListAsync();
    }

    private static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        await using var db = database.CreateContext();
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
