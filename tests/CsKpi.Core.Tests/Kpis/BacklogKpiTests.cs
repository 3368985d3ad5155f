using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;

namespace CsKpi.Core.Tests.Kpis;

/// <summary>
/// backlog, backlog_age_median and tickets_solved (service-levels.md) on six hand-placed tickets:
/// T1 created 20 Feb, open; T2 created 10 Mar, resolved exactly at 1 Apr 00:00 (still open at `to`); T3 5–6 Mar;
/// T4 created exactly at 1 Apr 00:00 (not yet in the backlog of March); T5 25 Feb – 2 Mar; T6 31 Mar 12:00 –
/// 1 Apr 06:00, its ticket in team Red though its agent is in Blue.
/// </summary>
public class BacklogKpiTests
{
    private const double Day = 86_400;

    private static async Task<TestDatabase> SeededAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await using var data = new KpiData(database.CreateContext());
        var ann = data.Agent("A1", team: "Blue");
        var bob = data.Agent("A2", team: "Red");
        data.Ticket("2026-02-20T00:00:00Z", Channel.Email, ann);
        data.Ticket("2026-03-10T00:00:00Z", Channel.Chat, bob, resolvedAfterSeconds: 22 * Day);
        data.Ticket("2026-03-05T00:00:00Z", Channel.Email, bob, resolvedAfterSeconds: Day);
        data.Ticket("2026-04-01T00:00:00Z", Channel.Email, ann);
        data.Ticket("2026-02-25T00:00:00Z", Channel.Email, ann, resolvedAfterSeconds: 5 * Day);
        var t6 = data.Ticket("2026-03-31T12:00:00Z", Channel.Chat, ann, resolvedAfterSeconds: 18 * 3600);
        t6.Team = bob.Team;
        await data.SaveAsync();
        return database;
    }

    [Fact]
    public async Task Backlog_counts_tickets_open_at_the_end_including_one_resolved_exactly_then()
    {
        await using var database = await SeededAsync();

        var report = await Reports.RunAsync(database, "2026-03-01", "2026-04-01");

        // At 1 Apr: T1 (40 d), T2 (22 d, resolved exactly at `to`: still open), T6 (12 h); T4 is created at `to`.
        report.Kpis[KpiRegistry.Backlog].Should().Be(new KpiValue(3, 3, 2, 2),
            "the previous period's backlog is at 1 Mar: T1 and T5");
        // Median of 40 d, 22 d, 0.5 d; before: of 9 d (T1) and 4 d (T5) = 6.5 d.
        report.Kpis[KpiRegistry.BacklogAgeMedian].Should().Be(new KpiValue(22 * Day, 3, 6.5 * Day, 2));
        // Resolved in March: T3 (6 Mar) and T5 (2 Mar); T2 and T6 are resolved in April. February: none.
        report.Kpis[KpiRegistry.TicketsSolved].Should().Be(new KpiValue(2, 2, null, 0));
    }

    [Fact]
    public async Task An_empty_backlog_is_zero_and_its_age_no_data()
    {
        await using var database = await SeededAsync();

        var report = await Reports.RunAsync(database, "2026-01-01", "2026-01-08");

        report.Kpis[KpiRegistry.Backlog].Should().Be(new KpiValue(0, 0, 0, 0), "no ticket is open: a real zero");
        report.Kpis[KpiRegistry.BacklogAgeMedian].Value.Should().BeNull("there is no ticket to take an age of");
        report.Kpis[KpiRegistry.TicketsSolved].Value.Should().BeNull();
    }

    [Fact]
    public async Task Filters_follow_the_tickets_team_agent_and_channel()
    {
        await using var database = await SeededAsync();

        var blue = await Reports.RunAsync(database, "2026-03-01", "2026-04-01", new KpiFilters(Team: "Blue"));
        var red = await Reports.RunAsync(database, "2026-03-01", "2026-04-01", new KpiFilters(Team: "Red"));
        var ann = await Reports.RunAsync(database, "2026-03-01", "2026-04-01", new KpiFilters(Agent: "A1"));
        var chat = await Reports.RunAsync(database, "2026-03-01", "2026-04-01",
            new KpiFilters(Channel: Channel.Chat));

        // T6 is Red's (its own team) though Ann, its agent, is in Blue.
        (blue.Kpis[KpiRegistry.Backlog].Value, blue.Kpis[KpiRegistry.BacklogAgeMedian].Value).Should()
            .Be((1, 40 * Day));
        (red.Kpis[KpiRegistry.Backlog].Value, red.Kpis[KpiRegistry.BacklogAgeMedian].Value).Should()
            .Be((2, 11.25 * Day), "median of 22 d and 0.5 d");
        ann.Kpis[KpiRegistry.Backlog].Value.Should().Be(2, "T1 and T6");
        chat.Kpis[KpiRegistry.Backlog].Value.Should().Be(2, "T2 and T6");
        blue.Kpis[KpiRegistry.TicketsSolved].Value.Should().Be(1, "T5; T3 is Red's");
    }

    [Fact]
    public async Task A_trend_buckets_backlog_is_the_open_count_at_the_buckets_end()
    {
        await using var database = await SeededAsync();

        var report = await Reports.RunAsync(database, "2026-03-30", "2026-04-02", groupBy: Grouping.Day);

        // Ends 31 Mar 00:00: T1 (39 d), T2 (21 d) · 1 Apr 00:00: T1 (40 d), T2 (22 d), T6 (0.5 d) · 2 Apr 00:00:
        // T1 (41 d), T4 (1 d).
        report.Groups!.Select(g => g.Kpis[KpiRegistry.Backlog].Value).Should().Equal(2, 3, 2);
        report.Groups!.Select(g => g.Kpis[KpiRegistry.BacklogAgeMedian].Value).Should()
            .Equal(30 * Day, 22 * Day, 21 * Day);
        report.Groups!.Select(g => g.Kpis[KpiRegistry.TicketsSolved].Value).Should()
            .Equal([null, null, 2], "T2 and T6 are resolved on 1 Apr");
        report.Kpis[KpiRegistry.Backlog].Value.Should().Be(2, "the period's value is its last bucket's");
    }

    [Fact]
    public async Task A_breakdown_measures_each_groups_backlog_at_the_end()
    {
        await using var database = await SeededAsync();

        var report = await Reports.RunAsync(database, "2026-03-01", "2026-04-01", groupBy: Grouping.Team);

        report.Groups!.Select(g => (g.Key, g.Kpis[KpiRegistry.Backlog].Value)).Should()
            .Equal(("Blue", 1d), ("Red", 2d));
    }

    [Fact]
    public async Task Reports_served_by_the_rollups_measure_the_backlog_from_the_raw_rows()
    {
        await using var database = await SeededAsync();
        await using var db = database.CreateContext();
        (await DailyRollups.RefreshAsync(db, "UTC")).Should().BeTrue();
        var march = ReportPeriod.Dates(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1), TimeZoneInfo.Utc);

        foreach (var grouping in new Grouping?[] { null, Grouping.Week, Grouping.Team })
        {
            var request = new KpiRequest(march, KpiFilters.None, grouping);
            var rolled = await new KpiReports(db).RunAsync(request);
            rolled.Should().BeEquivalentTo(await new KpiReports(db, KpiEngineOptions.RawRows).RunAsync(request));
            if (grouping is null)
                rolled.Kpis[KpiRegistry.Backlog].Value.Should().Be(3);
        }
    }
}
