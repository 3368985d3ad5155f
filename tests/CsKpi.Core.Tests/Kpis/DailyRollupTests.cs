using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using CsKpi.Core.Data;
using CsKpi.Core.Import;
using CsKpi.Core.Kpis;
using CsKpi.Core.Kpis.Sources;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Import;
using CsKpi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Tests.Kpis;

/// <summary>
/// Reports read additive measures from the daily rollups; they must be exactly the reports from the raw rows, through
/// imports, re-imports that change rows, and an agent changing team — and an import must show in the next report.
/// </summary>
public class DailyRollupTests
{
    private static readonly TimeZoneInfo Warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    [Fact]
    public async Task Reports_from_rollups_equal_reports_from_raw_rows_after_imports_reimports_and_a_team_change()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportAsync(database, ImportKind.Agents,
            "agent_id,name,team\nA1,Ann,Blue\nA2,Bob,Red\nA3,Cid,Blue\nA4,Dee,\n");
        await ImportAsync(database, ImportKind.Tickets, Tickets(seed: 1, shift: 0, agents: 4));
        await ImportAsync(database, ImportKind.Interactions, Interactions(seed: 2));
        await ImportAsync(database, ImportKind.Surveys, Surveys(seed: 3));
        await ExpectRollupsEqualRawRowsAsync(database, TimeZoneInfo.Utc, "after the first import, in UTC");
        await ExpectRollupsEqualRawRowsAsync(database, Warsaw,
            "after the first import, in Warsaw (rebuilt for its days)");

        // A re-import that changes rows: other days, channels, categories, resolutions. Only the days it touches are
        // rebuilt.
        await ImportAsync(database, ImportKind.Tickets, Tickets(seed: 4, shift: 1, agents: 4));
        (await DirtyDaysAsync(database)).Should().BeGreaterThan(0,
            "the triggers marked the days the re-import touched");
        await ExpectRollupsEqualRawRowsAsync(database, Warsaw, "after a re-import of changed tickets");
        await ImportAsync(database, ImportKind.Interactions, Interactions(seed: 5));
        await ImportAsync(database, ImportKind.Surveys, Surveys(seed: 6));
        (await DirtyDaysAsync(database)).Should().BeGreaterThan(0);
        await ExpectRollupsEqualRawRowsAsync(database, Warsaw, "after re-imports of interactions and surveys");

        // Teams are resolved when the rollups are built: an agent changing team rebuilds them all.
        await ImportAsync(database, ImportKind.Agents,
            "agent_id,name,team\nA1,Ann,Red\nA2,Bob,Red\nA3,Cid,Green\nA4,Dee,Blue\n");
        await ExpectRollupsEqualRawRowsAsync(database, Warsaw, "after agents changed team");

        // Key drivers really read their rollup cells (no trigger watches them): tampered cells show.
        await using var db = database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("UPDATE kpi_rollup_drivers SET n = n + 1000");
        (await new KeyDrivers(db).AnalyseAsync(March(Warsaw), KpiFilters.None))
            .Select(d => d.N).Should().OnlyContain(n => n > 1000);
    }

    [Fact]
    public async Task An_import_shows_in_the_next_report()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportAsync(database, ImportKind.Agents, "agent_id,name,team\nA1,Ann,Blue\n");
        await ImportAsync(database, ImportKind.Tickets, Tickets(seed: 7, shift: 0, agents: 1));
        var request = new KpiRequest(March(TimeZoneInfo.Utc), KpiFilters.None, Grouping.Day);
        await using (var db = database.CreateContext())
            (await DailyRollups.RefreshAsync(db, "UTC")).Should().BeTrue();

        await ImportAsync(database, ImportKind.Tickets,
            "ticket_id,created_at,channel,agent_id,category\n"
            + "NEW1,2026-03-10T12:00:00Z,chat,A1,complaint\nNEW2,2026-03-10T13:00:00Z,chat,A1,complaint\n");

        await using var after = database.CreateContext();
        var raw = await new KpiReports(after, KpiEngineOptions.RawRows).RunAsync(request);
        var report = await new KpiReports(after).RunAsync(request);
        (await DailyRollups.CurrentAsync(after, "UTC")).Should()
            .BeFalse("a report reads the raw rows while the rollups are behind: it never refreshes them");
        (await DailyRollups.RefreshAsync(after, "UTC")).Should()
            .BeTrue("the refresh runs apart from the reports (the web app's background service)");
        (await DailyRollups.CurrentAsync(after, "UTC")).Should().BeTrue("the refresh brought the rollups up to date");
        (await new KpiReports(after).RunAsync(request)).Should().BeEquivalentTo(raw, "read from the refreshed rollups");
        report.Should().BeEquivalentTo(raw);
        report.Groups!.Single(g => g.Key == "2026-03-10").Kpis[KpiRegistry.Complaints].Value
            .Should().Be(raw.Groups!.Single(g =>
                g.Key == "2026-03-10").Kpis[KpiRegistry.Complaints].Value).And.BeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_report_over_whole_days_reads_the_rollups_and_one_over_hours_or_an_agent_the_raw_rows()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportAsync(database, ImportKind.Agents, "agent_id,name,team\nA1,Ann,Blue\n");
        await ImportAsync(database, ImportKind.Tickets, Tickets(seed: 8, shift: 0, agents: 1));
        var march = March(TimeZoneInfo.Utc);
        await using var db = database.CreateContext();
        (await DailyRollups.RefreshAsync(db, "UTC")).Should().BeTrue();
        var truth = (await new KpiReports(db).RunAsync(new KpiRequest(march,
            KpiFilters.None))).Kpis[KpiRegistry.ReopenRate].Count;
        // Tamper with the rollups (no trigger watches them): a report that reads them shows it, one that does not, not.
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE kpi_rollups SET measures = array_fill(1000::double precision, ARRAY[array_length(measures, 1)])");

        (await new KpiReports(db).RunAsync(new KpiRequest(march,
            KpiFilters.None))).Kpis[KpiRegistry.ReopenRate].Count.Should().NotBe(truth);
        (await new KpiReports(db, KpiEngineOptions.RawRows).RunAsync(new KpiRequest(march,
            KpiFilters.None))).Kpis[KpiRegistry.ReopenRate].Count.Should().Be(truth).And.BeGreaterThan(0);
        var hours = new ReportPeriod(march.From.AddHours(1), march.To, TimeZoneInfo.Utc);
        (await new KpiReports(db).RunAsync(new KpiRequest(hours, KpiFilters.None))).Should()
            .BeEquivalentTo(await new KpiReports(db, KpiEngineOptions.RawRows).RunAsync(new KpiRequest(hours,
                KpiFilters.None)));
        var agent = new KpiFilters(Agent: "A1");
        (await new KpiReports(db).RunAsync(new KpiRequest(march, agent))).Should()
            .BeEquivalentTo(await new KpiReports(db, KpiEngineOptions.RawRows).RunAsync(new KpiRequest(march, agent)));
    }

    [Fact]
    public void Only_counts_and_sums_of_whole_numbers_are_rolled_up()
    {
        var rolled = KpiRegistry.All.Where(k => k.Numerator is not null && MeasureKinds.IsAdditive(k.Numerator))
            .Select(k => k.Key).ToList();

        rolled.Should().BeEquivalentTo(
        [
            KpiRegistry.Csat, KpiRegistry.CsatAvg, KpiRegistry.Nps, KpiRegistry.Ces, KpiRegistry.Enps, KpiRegistry.Fcr,
            KpiRegistry.Aht, KpiRegistry.TimeWithCustomer, KpiRegistry.TimeWithCustomerAvg, KpiRegistry.TicketVolume,
            KpiRegistry.Complaints, KpiRegistry.Returns, KpiRegistry.ReopenRate, KpiRegistry.RepeatContactRate,
            KpiRegistry.FirstResponseMean, KpiRegistry.TicketsSolved,
        ],
            "percentiles are not sums to add up; the mean first response sums whole microseconds");
        MeasureKinds.IsAdditive((Expression<Func<IEnumerable<Ticket>, double?>>)(
                g => g.Sum(t => (t.FirstResponseAt!.Value - t.CreatedAt).TotalSeconds)))
            .Should().BeFalse("a sum of fractional seconds rounds by the order it is summed in");
    }

    [Fact]
    public async Task
        Percentiles_of_any_span_of_days_from_the_sorted_day_values_equal_percentile_cont_over_the_records()
    {
        await using var database = await TestDatabase.CreateAsync();
        var random = new Random(11);
        await using (var data = new KpiData(database.CreateContext()))
        {
            // Values that stress the selection: many equal ones, zeros, values exactly on edges (0, 1, 2, 64 s), values
            // between two close edges, fractions, and very long waits — over 20 days of March.
            double[] shapes = [0, 1, 2, 64, 120, 120, 120, 3_600, 1e7];
            Agent?[] agents = [data.Agent("A1", team: "Blue"), data.Agent("A2", team: "Red"), data.Agent("A3"), null];
            for (var i = 0; i < 3_000; i++)
            {
                var created = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.Next(0,
                    20 * 86_400)).ToString("O", CultureInfo.InvariantCulture);
                var wait = random.Next(3) == 0 ? shapes[random.Next(shapes.Length)]
                    : Math.Round(random.NextDouble() * random.Next(1, 50_000), 6);
                data.Ticket(created, agent: agents[random.Next(agents.Length)],
                    firstResponseSeconds: random.Next(10) == 0 ? null : wait,
                        resolvedAfterSeconds: random.Next(2) == 0 ? null : wait * 3);
            }
            await data.SaveAsync();
        }

        ReportPeriod[] periods =
        [
            ReportPeriod.Dates(new DateOnly(2026, 3, 15), new DateOnly(2026, 4, 15), Warsaw),
                // rollups built for Warsaw, then for UTC
            March(TimeZoneInfo.Utc), ReportPeriod.Dates(new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 17),
                TimeZoneInfo.Utc),
            ReportPeriod.Dates(new DateOnly(2026, 3, 5), new DateOnly(2026, 3, 6), TimeZoneInfo.Utc),
        ];
        string[] percentiles = [KpiRegistry.FirstResponseMedian, KpiRegistry.FirstResponseP90,
            KpiRegistry.ResolutionMedian];
        await using var db = database.CreateContext();
        foreach (var period in periods)
        {
            (await DailyRollups.RefreshAsync(db, period.TimeZone.Id)).Should().BeTrue();
            foreach (var filters in new[] { KpiFilters.None, new KpiFilters(Team: "Blue"),
                new KpiFilters(Team: "Nobody") })
            {
                foreach (var grouping in new Grouping?[] { null, Grouping.Day, Grouping.Week })
                {
                    var request = new KpiRequest(period, filters, grouping);
                    (await new KpiReports(db).RunAsync(request, percentiles)).Should().BeEquivalentTo(
                        await new KpiReports(db, KpiEngineOptions.RawRows).RunAsync(request, percentiles),
                            o => o.WithStrictOrdering(), $"{period.From:d}–{period.To:d}, {filters}, by {grouping}");
                }
            }
        }

        // Tamper with the sorted values (no trigger watches them): the period's percentiles come from them.
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE kpi_rollup_values SET sorted = array_fill(7::double precision, ARRAY[cardinality(sorted)])");
        var tampered = await new KpiReports(db).RunAsync(new KpiRequest(March(TimeZoneInfo.Utc), KpiFilters.None),
            percentiles);
        tampered.Kpis.Values.Select(v => v.Value).Should().AllBeEquivalentTo(7.0);
        (await new KpiReports(db).RunAsync(new KpiRequest(March(TimeZoneInfo.Utc), new KpiFilters(Team: "Red")),
            percentiles))
            .Kpis.Values.Select(v => v.Value).Should().AllBeEquivalentTo(7.0,
                "a team's percentiles come from them too");
        (await new KpiReports(db).RunAsync(new KpiRequest(March(TimeZoneInfo.Utc),
            new KpiFilters(Channel: Channel.Email)), percentiles))
            .Kpis[KpiRegistry.FirstResponseMedian].Value.Should().NotBe(7, "a filtered report reads the raw rows");
    }

    /// <summary>An import that must succeed: a rejected file would leave nothing to compare.</summary>
    private static async Task ImportAsync(TestDatabase database, ImportKind kind, string csv)
    {
        var summary = await Importing.ImportAsync(database, kind, csv);
        summary.Errors.Should().BeEmpty($"{kind} imports");
        summary.Outcome.Should().Be(ImportOutcome.Imported);
    }

    private static ReportPeriod March(TimeZoneInfo zone) => ReportPeriod.Dates(new DateOnly(2026, 3, 1),
        new DateOnly(2026, 4, 1), zone);

    private static async Task<long> DirtyDaysAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM kpi_rollup_dirty").SingleAsync();
    }

    private static async Task ExpectRollupsEqualRawRowsAsync(TestDatabase database, TimeZoneInfo zone, string because)
    {
        var filters = new[]
        {
            KpiFilters.None, new KpiFilters(Team: "Blue"), new KpiFilters(Team: "Red"), new KpiFilters(Team: "Green"),
                new KpiFilters(Channel: Channel.Chat),
            new KpiFilters(Category: "Complaint"), new KpiFilters(Team: "Blue", Channel: Channel.Email,
                Category: "return"),
        };
        var groupings = new Grouping?[] { null, Grouping.Day, Grouping.Week, Grouping.Month, Grouping.Team,
            Grouping.Channel, Grouping.Category };
        var periods = new[] { March(zone), ReportPeriod.Dates(new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 16),
            zone) };
        await using var db = database.CreateContext();
        (await DailyRollups.RefreshAsync(db, zone.Id)).Should().BeTrue($"{because}: the refresh (no report refreshes)");
        foreach (var period in periods)
        {
            foreach (var filter in filters)
            {
                (await new ResponseTimeDistribution(db).AnalyseAsync(period, filter)).Should()
                    .Equal(await new ResponseTimeDistribution(db, KpiEngineOptions.RawRows).AnalyseAsync(period,
                        filter), $"{because}: first-response histogram, {filter}");
                (await new KeyDrivers(db).AnalyseAsync(period, filter)).Should()
                    .Equal(await new KeyDrivers(db, KpiEngineOptions.RawRows).AnalyseAsync(period, filter),
                        $"{because}: key drivers, {filter}");
                foreach (var kind in new[] { SurveyKind.Nps, SurveyKind.Enps })
                {
                    (await new SurveyBreakdowns(db).NetScoreSplitAsync(period, filter, kind)).Should()
                        .Be(await new SurveyBreakdowns(db, KpiEngineOptions.RawRows).NetScoreSplitAsync(period, filter,
                            kind), $"{because}: {kind} split, {filter}");
                }
                foreach (var grouping in groupings)
                {
                    var request = new KpiRequest(period, filter, grouping);
                    var raw = await new KpiReports(db, KpiEngineOptions.RawRows).RunAsync(request);
                    var rolled = await new KpiReports(db).RunAsync(request);
                    rolled.Should().BeEquivalentTo(raw, o => o.WithStrictOrdering(),
                        $"{because}: {period.From:d}–{period.To:d}, {filter}, by {grouping}");
                }
            }
        }
        (await new KeyDrivers(db).AnalyseAsync(March(zone), KpiFilters.None))
            .Should().NotBeEmpty($"{because}: the company's key drivers are compared, not two empty lists");
        (await DailyRollups.CurrentAsync(db, zone.Id)).Should().BeTrue($"{because}: the reports read current rollups");
    }

    private static readonly string[] Categories = ["complaint", "Return", "billing", "", "RETURN"];
    private static readonly string[] TicketTeams = ["Blue", "Red", "Green"];

    /// <summary>
    /// Tickets T1–T80 around March (some over the edges), random but seeded; <paramref name="shift"/> moves every other
    /// ticket by days.
    /// </summary>
    private static string Tickets(int seed, int shift, int agents)
    {
        var random = new Random(seed);
        var csv =
            new StringBuilder(
                "ticket_id,created_at,channel,agent_id,team,category,first_response_at,resolved_at,reopened\n");
        for (var i = 1; i <= 80; i++)
        {
            var created = new DateTime(2026, 2, 20, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(0,
                48 * 24 * 60)).AddDays(i % 2 * shift);
            var firstResponse = random.Next(3) == 0 ? "" : Stamp(created.AddSeconds(random.Next(30,
                20_000) + random.NextDouble()));
            var resolved = random.Next(3) == 0 ? "" : Stamp(created.AddSeconds(random.Next(600, 8 * 86_400)));
            csv.Append(CultureInfo.InvariantCulture,
                $"T{i},{Stamp(created)},{Channels.Defaults[random.Next(Channels.Defaults.Count)].Code()},");
            csv.Append(CultureInfo.InvariantCulture,
                $"{(random.Next(5) == 0 ? "" : "A" + random.Next(1, agents + 1))},");
            // A third of the tickets in a team's queue of their own (kpis.md's team rule), which re-imports change.
            csv.Append(random.Next(3) == 0 ? TicketTeams[random.Next(TicketTeams.Length)] : "").Append(',');
            csv.Append(CultureInfo.InvariantCulture,
                $"{Categories[random.Next(Categories.Length)]},{firstResponse},{resolved},{random.Next(4) == 0}\n");
        }
        return csv.ToString();
    }

    private static string Interactions(int seed)
    {
        var random = new Random(seed);
        var csv =
            new StringBuilder("interaction_id,ticket_id,agent_id,started_at,talk_seconds,hold_seconds,wrap_seconds\n");
        for (var i = 1; i <= 120; i++)
        {
            var started = new DateTime(2026, 2, 25, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(0, 40 * 24 * 60));
            csv.Append(CultureInfo.InvariantCulture,
                $"I{i},T{random.Next(1, 81)},A{random.Next(1, 5)},{Stamp(started)},");
            csv.Append(CultureInfo.InvariantCulture,
                $"{random.Next(0, 900)},{random.Next(0, 60)},{random.Next(0, 120)}\n");
        }
        return csv.ToString();
    }

    private static string Surveys(int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("response_id,survey,score,submitted_at,ticket_id,dim_speed,dim_tone\n");
        (string Kind, int Low, int High)[] kinds = [("csat", 1, 5), ("nps", 0, 10), ("ces", 1, 7), ("enps", 0, 10)];
        for (var i = 1; i <= 150; i++)
        {
            var (kind, low, high) = kinds[random.Next(kinds.Length)];
            var submitted = new DateTime(2026, 2, 25, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(0,
                40 * 24 * 60));
            csv.Append(CultureInfo.InvariantCulture,
                $"S{i},{kind},{random.Next(low, high + 1)},{Stamp(submitted)},");
            csv.Append(CultureInfo.InvariantCulture,
                $"{(random.Next(4) == 0 ? "" : "T" + random.Next(1, 81))},{random.Next(1, 6)},");
            csv.Append(CultureInfo.InvariantCulture, $"{(random.Next(3) == 0 ? "" : random.Next(1, 6))}\n");
        }
        return csv.ToString();
    }

    private static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFZ",
        CultureInfo.InvariantCulture);
}
