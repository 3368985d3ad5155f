using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Tests.Kpis;

/// <summary>Every KPI against real PostgreSQL with hand-computed values; each test has a database of its own.</summary>
public class KpiReportTests
{
    private const string From = "2026-03-01", To = "2026-04-01";

    [Fact]
    public async Task An_empty_period_is_no_data_for_every_kpi()
    {
        await using var database = await TestDatabase.CreateAsync();

        var report = await Reports.RunAsync(database, From, To);

        report.Kpis.Keys.Should().BeEquivalentTo(KpiRegistry.All.Select(k => k.Key));
        // Every KPI but the backlog's count, which is a state at `to`: nothing open is a real 0 (decisions.md).
        report.Kpis.Where(k => KpiRegistry.Get(k.Key).Formula != KpiFormula.Level).Select(k => k.Value).Should()
            .OnlyContain(v => v.Value == null && v.Previous == null && v.Count == 0);
        report.Kpis[KpiRegistry.Backlog].Should().Be(new KpiValue(0, 0, 0, 0));
    }

    [Fact]
    public async Task Csat_counts_a_response_at_from_but_not_one_at_to()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Survey(SurveyKind.Csat, 5, "2026-03-01T00:00:00Z"); // at from: counts
            data.Survey(SurveyKind.Csat, 5, "2026-03-10T10:00:00Z");
            data.Survey(SurveyKind.Csat, 4, "2026-03-11T10:00:00Z");
            data.Survey(SurveyKind.Csat, 3, "2026-03-12T10:00:00Z");
            data.Survey(SurveyKind.Csat, 2, "2026-03-31T23:59:59Z");
            data.Survey(SurveyKind.Csat, 1, "2026-04-01T00:00:00Z"); // at to: does not count
            data.Survey(SurveyKind.Nps, 10, "2026-03-10T10:00:00Z"); // another survey kind
            await data.SaveAsync();
        }

        var report = await Reports.RunAsync(database, From, To);

        report.Kpis["csat"].Should().Be(new KpiValue(60, 5, null, 0)); // 3 of 5 scored 4 or 5
        report.Kpis["csat_avg"].Value.Should().BeApproximately(3.8, 1e-12); // (5+5+4+3+2) / 5
    }

    [Fact]
    public async Task Nps_ces_and_enps_follow_their_scales()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            foreach (var score in new[] { 10, 9, 9, 8, 7, 6, 0 })
                data.Survey(SurveyKind.Nps, score, "2026-03-05T12:00:00Z");
            foreach (var score in new[] { 1, 2, 6 })
                data.Survey(SurveyKind.Ces, score, "2026-03-05T12:00:00Z");
            foreach (var score in new[] { 10, 10, 5 })
                data.Survey(SurveyKind.Enps, score, "2026-03-05T12:00:00Z");
            await data.SaveAsync();
        }

        var report = await Reports.RunAsync(database, From, To);

        report.Kpis["nps"].Value.Should().BeApproximately(100.0 * (3 - 2) / 7, 1e-9);
        report.Kpis["nps"].Count.Should().Be(7);
        report.Kpis["ces"].Value.Should().Be(3);
        report.Kpis["enps"].Value.Should().BeApproximately(100.0 / 3, 1e-9);
        report.Kpis["csat"].Value.Should().BeNull();
    }

    [Fact]
    public async Task Fcr_counts_resolved_tickets_with_exactly_one_interaction_not_reopened()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            var agent = data.Agent("A1");
            data.Ticket("2026-03-02T08:00:00Z", agent: agent, resolvedAfterSeconds: 3600,
                interactions: 1);                 // FCR
            data.Ticket("2026-03-02T08:00:00Z", agent: agent, resolvedAfterSeconds: 7200,
                interactions: 2);                 // two contacts
            data.Ticket("2026-03-02T08:00:00Z", agent: agent, resolvedAfterSeconds: 10800,
                interactions: 0);                // no contact: not in FCR
            data.Ticket("2026-03-02T08:00:00Z", agent: agent, resolvedAfterSeconds: 36000, interactions: 1,
                reopened: true); // reopened
            data.Ticket("2026-03-02T08:00:00Z", agent: agent,
                interactions: 1);                                             // unresolved
            data.Ticket("2026-02-27T08:00:00Z", agent: agent, resolvedAfterSeconds: 2 * 86400,
                interactions: 1);            // created before, resolved in period
            await data.SaveAsync();
        }

        var report = await Reports.RunAsync(database, From, To);

        report.Kpis["fcr"].Value.Should().Be(50);              // 2 of 4 resolved tickets with an interaction
        report.Kpis["fcr"].Count.Should().Be(4);
        report.Kpis["reopen_rate"].Value.Should().Be(20);      // 1 of 5 resolved tickets
        report.Kpis["resolution_median"].Value.Should().Be(10800); // 1 h, 2 h, 3 h, 10 h, 48 h → 3 h
    }

    [Fact]
    public async Task Handle_time_and_time_with_customer_come_from_interactions()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            var agent = data.Agent("A1");
            var ticket = data.Ticket("2026-02-20T08:00:00Z", agent: agent);
            data.Interaction(ticket, agent, "2026-03-03T09:00:00Z", talk: 100, hold: 20, wrap: 30);
            data.Interaction(ticket, agent, "2026-03-04T09:00:00Z", talk: 200);
            data.Interaction(ticket, agent, "2026-03-05T09:00:00Z", talk: 50, hold: 10, wrap: 40);
            data.Interaction(ticket, agent, "2026-04-01T00:00:00Z", talk: 999); // at to
            await data.SaveAsync();
        }

        var report = await Reports.RunAsync(database, From, To);

        report.Kpis["aht"].Should().Be(new KpiValue(150, 3, null, 0));         // (150 + 200 + 100) / 3
        report.Kpis["time_with_customer"].Should().Be(new KpiValue(350, 3, null, 0));
        report.Kpis["time_with_customer_avg"].Value.Should().BeApproximately(350.0 / 3, 1e-9);
    }

    [Theory]
    [InlineData(new double[] { 60, 120, 180, 600 }, 150, 240, 474)]
    [InlineData(new double[] { 60, 120, 180 }, 120, 120, 168)]
    public async Task First_response_median_mean_and_p90_with_even_and_odd_counts(double[] seconds, double median,
        double mean, double p90)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            foreach (var s in seconds)
                data.Ticket("2026-03-08T10:00:00Z", firstResponseSeconds: s);
            data.Ticket("2026-03-08T10:00:00Z"); // no first response yet: not counted
            await data.SaveAsync();
        }

        var report = await Reports.RunAsync(database, From, To);

        report.Kpis["first_response_median"].Should().Be(new KpiValue(median, seconds.Length, null, 0));
        report.Kpis["first_response_mean"].Value.Should().BeApproximately(mean, 1e-9);
        report.Kpis["first_response_p90"].Value.Should().BeApproximately(p90, 1e-9);
        report.Kpis["ticket_volume"].Value.Should().Be(seconds.Length + 1);
    }

    [Fact]
    public async Task First_response_mean_is_the_exact_sum_of_microseconds_over_the_count()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            // 0.1 + 0.2 + 0.000001 s: summed as fractional seconds in doubles this rounds by the summing order.
            data.Ticket("2026-03-08T10:00:00Z", firstResponseSeconds: 0.1);
            data.Ticket("2026-03-09T10:00:00Z", firstResponseSeconds: 0.2);
            data.Ticket("2026-03-10T10:00:00Z", firstResponseSeconds: 0.000001);
            await data.SaveAsync();
        }

        var report = await Reports.RunAsync(database, From, To);

        // 300,001 µs / (3 × 10⁶): one division of exact numbers, so exactly this double, from the rollups as from the
        // rows.
        report.Kpis["first_response_mean"].Should().Be(new KpiValue(300001 / 3e6, 3, null, 0));
    }

    [Fact]
    public async Task Percentiles_equal_postgresql_percentile_cont_on_random_data()
    {
        await using var database = await TestDatabase.CreateAsync();
        var random = new Random(11);
        await using (var data = new KpiData(database.CreateContext()))
        {
            for (var i = 0; i < 257; i++)
                data.Ticket("2026-03-08T10:00:00Z", firstResponseSeconds: Math.Round(random.NextDouble() * 86400, 3),
                    resolvedAfterSeconds: 90000 + random.Next(500000));
            await data.SaveAsync();
        }

        var report = await Reports.RunAsync(database, From, To);

        await using var db = database.CreateContext();
        var expected = await db.Database.SqlQueryRaw<double>("""
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at
                - created_at))::float8 AS "Value" FROM tickets
            UNION ALL SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at
                - created_at))::float8 FROM tickets
            UNION ALL SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at
                - created_at))::float8 FROM tickets
            """).ToListAsync();
        report.Kpis["first_response_median"].Value.Should().BeApproximately(expected[0], 1e-6);
        report.Kpis["first_response_p90"].Value.Should().BeApproximately(expected[1], 1e-6);
        report.Kpis["resolution_median"].Value.Should().BeApproximately(expected[2], 1e-6);
    }

    [Fact]
    public async Task Volume_complaints_and_returns_count_tickets_by_category_case_insensitively()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            foreach (var category in new[] { "Complaint", "complaint", "RETURN", "question", null })
                data.Ticket("2026-03-09T10:00:00Z", category: category);
            await data.SaveAsync();
        }

        var report = await Reports.RunAsync(database, From, To);

        report.Kpis["ticket_volume"].Should().Be(new KpiValue(5, 5, null, 0));
        report.Kpis["complaints"].Should().Be(new KpiValue(2, 2, null, 0));
        report.Kpis["returns"].Should().Be(new KpiValue(1, 1, null, 0));
    }

    [Fact]
    public async Task Repeat_contact_looks_back_168_hours_including_before_the_period()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            var c1 = data.Customer();
            data.Ticket("2026-03-02T10:00:00Z", customer: c1);
            data.Ticket("2026-03-05T10:00:00Z", customer: c1); // 3 days after: repeat
            data.Ticket("2026-03-13T10:00:00Z", customer: c1); // 8 days after the last: not
            var c2 = data.Customer();
            data.Ticket("2026-03-10T10:00:00Z", customer: c2);
            data.Ticket("2026-03-17T10:00:00Z", customer: c2); // exactly 168 h after: repeat
            var c3 = data.Customer();
            data.Ticket("2026-02-27T10:00:00Z", customer: c3); // before the period, but inside the 168 h
            data.Ticket("2026-03-01T10:00:00Z", customer: c3); // repeat
            data.Ticket("2026-03-20T10:00:00Z");               // no customer: not in the denominator
            await data.SaveAsync();
        }

        var report = await Reports.RunAsync(database, From, To);

        report.Kpis["repeat_contact_rate"].Value.Should().BeApproximately(100.0 * 3 / 6, 1e-9);
        report.Kpis["repeat_contact_rate"].Count.Should().Be(6);
    }

    [Fact]
    public async Task Churn_and_retention_with_customers_starting_and_cancelling_inside_the_period()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Customer("2025-01-01");               // A: active throughout
            data.Customer("2025-06-01", "2026-03-15"); // B: active at from, churns
            data.Customer("2026-03-10");               // C: starts inside
            data.Customer("2026-03-05", "2026-03-20"); // D: starts and cancels inside
            data.Customer("2025-01-01", "2026-02-15"); // E: gone before
            data.Customer("2025-01-01", "2026-04-01"); // F: cancels on `to`: not churned here, active at to
            data.Customer("2026-03-01");               // G: starts on `from`: not active at from, new
            data.Customer();                            // H: no customer_since: ignored
            data.Customer("2025-01-01", "2026-03-01"); // I: cancels on `from`: active at from, churned
            await data.SaveAsync();
        }

        var report = await Reports.RunAsync(database, From, To);

        // Active at from: A, B, F, I = 4; churned: B, I = 2; active at to: A, C, F, G = 4; new: C, D, G = 3.
        // Previous period [29 Jan, 1 Mar): active at its start A, B, E, F, I = 5; E churned on 15 Feb → 20 %.
        report.Kpis["churn"].Should().Be(new KpiValue(50, 4, 20, 5));
        report.Kpis["retention"].Value.Should().Be(25); // (4 − 3) / 4, as kpis.md defines it
    }

    [Fact]
    public async Task Churn_and_retention_say_that_filters_do_not_apply_to_them()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Agent("A1", team: "Blue");
            data.Customer("2025-01-01", "2026-03-15");
            data.Customer("2025-01-01");
            await data.SaveAsync();
        }

        var report = await Reports.RunAsync(database, From, To, new KpiFilters(Team: "Blue"));

        report.Kpis["churn"].Value.Should().Be(50, "churn is company-wide");
        report.Notes.Should().ContainSingle(n => n.Text.Contains("churn and retention are company-wide")
            && n.Text.Contains("team"));
    }

    [Fact]
    public async Task Periods_are_in_the_organisation_time_zone()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Ticket("2026-01-31T23:30:00Z"); // 00:30 on 1 February in Warsaw
            await data.SaveAsync();
        }

        (await Reports.RunAsync(database, "2026-02-01", "2026-03-01",
            timeZone: "Europe/Warsaw")).Kpis["ticket_volume"].Value.Should().Be(1);
        (await Reports.RunAsync(database, "2026-01-01", "2026-02-01",
            timeZone: "Europe/Warsaw")).Kpis["ticket_volume"].Value.Should().BeNull();
        (await Reports.RunAsync(database, "2026-01-01", "2026-02-01",
            timeZone: "UTC")).Kpis["ticket_volume"].Value.Should().Be(1);
        var byMonth = await Reports.RunAsync(database, "2026-01-01", "2026-03-01", groupBy: Grouping.Month,
            timeZone: "Europe/Warsaw");
        byMonth.Groups!.Select(g => (g.Key, g.Kpis["ticket_volume"].Value)).Should().Equal(("2026-01-01",
            (double?)null), ("2026-02-01", 1));
    }

    [Fact]
    public async Task The_previous_period_has_the_same_length_and_ends_where_this_one_starts()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Ticket("2026-02-19T00:00:00Z", firstResponseSeconds: 100); // first instant of the previous 10 days
            data.Ticket("2026-02-28T23:59:59Z", firstResponseSeconds: 300);
            data.Ticket("2026-02-18T23:59:59Z", firstResponseSeconds: 900); // before it
            data.Ticket("2026-03-05T12:00:00Z", firstResponseSeconds: 60);
            await data.SaveAsync();
        }

        var report = await Reports.RunAsync(database, "2026-03-01", "2026-03-11");

        report.Kpis["ticket_volume"].Should().Be(new KpiValue(1, 1, 2, 2));
        report.Kpis["first_response_median"].Should().Be(new KpiValue(60, 1, 200, 2));
    }

    [Fact]
    public async Task Each_filter_narrows_every_kind_of_record_through_its_agent_channel_or_ticket()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            var blue = data.Agent("B1", team: "Blue");
            var red = data.Agent("R1", team: "Red");
            var blueTicket = data.Ticket("2026-03-03T10:00:00Z", Channel.Phone, blue, category: "Billing",
                resolvedAfterSeconds: 600);
            var redTicket = data.Ticket("2026-03-03T10:00:00Z", Channel.Chat, red, category: "complaint",
                resolvedAfterSeconds: 600);
            data.Interaction(blueTicket, blue, "2026-03-03T10:00:00Z", talk: 100);
            data.Interaction(redTicket, red, "2026-03-03T10:00:00Z", talk: 300, channel: Channel.Chat);
            data.Survey(SurveyKind.Csat, 5, "2026-03-04T10:00:00Z", blueTicket);
            data.Survey(SurveyKind.Csat, 1, "2026-03-04T10:00:00Z", redTicket);
            data.Survey(SurveyKind.Enps, 10, "2026-03-04T10:00:00Z", agent: red);
            await data.SaveAsync();
        }

        var blueOnly = await Reports.RunAsync(database, From, To, new KpiFilters(Team: "Blue"));
        blueOnly.Kpis["ticket_volume"].Value.Should().Be(1);
        blueOnly.Kpis["aht"].Value.Should().Be(100);
        blueOnly.Kpis["csat"].Value.Should().Be(100);
        blueOnly.Kpis["enps"].Value.Should().BeNull();

        var redAgent = await Reports.RunAsync(database, From, To, new KpiFilters(Agent: "R1"));
        redAgent.Kpis["aht"].Value.Should().Be(300);
        redAgent.Kpis["csat"].Value.Should().Be(0);
        redAgent.Kpis["enps"].Value.Should().Be(100);

        var chat = await Reports.RunAsync(database, From, To, new KpiFilters(Channel: Channel.Chat));
        chat.Kpis["ticket_volume"].Value.Should().Be(1);
        chat.Kpis["aht"].Value.Should().Be(300);
        chat.Kpis["csat"].Value.Should().Be(0, "a response is filtered through its ticket's channel");

        var complaints = await Reports.RunAsync(database, From, To, new KpiFilters(Category: "COMPLAINT"));
        complaints.Kpis["complaints"].Value.Should().Be(1);
        complaints.Kpis["aht"].Value.Should().Be(300, "an interaction is filtered through its ticket's category");
        complaints.Kpis["reopen_rate"].Value.Should().Be(0);
    }

    [Fact]
    public async Task Trends_have_every_bucket_with_empty_ones_as_no_data()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Ticket("2026-03-02T10:00:00Z");
            data.Ticket("2026-03-02T11:00:00Z");
            data.Ticket("2026-03-04T10:00:00Z");
            data.Ticket("2026-03-16T10:00:00Z");
            await data.SaveAsync();
        }

        var byDay = await Reports.RunAsync(database, "2026-03-02", "2026-03-05", groupBy: Grouping.Day);
        byDay.Groups!.Select(g => (g.Key, g.Kpis["ticket_volume"].Value)).Should().Equal(
            ("2026-03-02", (double?)2), ("2026-03-03", null), ("2026-03-04", 1));

        // ISO weeks start on Monday: 2 March 2026 is a Monday; the period starts mid-week on the 4th.
        var byWeek = await Reports.RunAsync(database, "2026-03-04", "2026-03-23", groupBy: Grouping.Week);
        byWeek.Groups!.Select(g => (g.Key, g.Kpis["ticket_volume"].Value)).Should().Equal(
            ("2026-03-02", (double?)1), ("2026-03-09", null), ("2026-03-16", 1));
        byWeek.Groups!.Sum(g => g.Kpis["ticket_volume"].Value
            ?? 0).Should().Be(byWeek.Kpis["ticket_volume"].Value!.Value);
    }

    [Fact]
    public async Task Breakdowns_list_every_team_agent_and_channel_even_without_data()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            var blue = data.Agent("B1", team: "Blue");
            data.Agent("R1", team: "Red");
            data.Ticket("2026-03-03T10:00:00Z", Channel.Phone, blue, category: "Billing");
            data.Ticket("2026-03-03T10:00:00Z", Channel.Phone, category: "billing");
            await data.SaveAsync();
        }

        var byTeam = await Reports.RunAsync(database, From, To, groupBy: Grouping.Team);
        byTeam.Groups!.Select(g => (g.Key, g.Kpis["ticket_volume"].Value)).Should().Equal(("Blue", (double?)1),
            ("Red", null), (null, 1));
        byTeam.Groups![0].Kpis.Should().NotContainKey("churn");
        byTeam.Notes.Should().Contain(n => n.Text.Contains("not broken down by team"));

        var byChannel = await Reports.RunAsync(database, From, To, groupBy: Grouping.Channel);
        byChannel.Groups!.Select(g => g.Key).Should().Equal("phone", "email", "chat", "social", "in_person");
        byChannel.Groups![0].Kpis["ticket_volume"].Value.Should().Be(2);

        // Groups alone (no totals), for pages that have the totals already: the same groups.
        await using (var db = database.CreateContext())
        {
            var request = byChannel.Request;
            var groups = await new KpiReports(db).GroupsAsync(request);
            groups.Should().BeEquivalentTo(byChannel.Groups, o => o.WithStrictOrdering());
            // Groups of a few KPIs (a chart's): those KPIs only, the same values.
            var few = await new KpiReports(db).GroupsAsync(request, ["ticket_volume", "aht"]);
            few.Should().BeEquivalentTo(byChannel.Groups!.Select(g => g
                with
            { Kpis = g.Kpis.Where(k => k.Key is "ticket_volume" or "aht").ToDictionary() }),
                o => o.WithStrictOrdering());
            var fewByDay = await new KpiReports(db).GroupsAsync(request with { GroupBy = Grouping.Day },
                ["churn", "csat"]);
            var byDay = await Reports.RunAsync(database, From, To, groupBy: Grouping.Day);
            fewByDay.Should().BeEquivalentTo(byDay.Groups!.Select(g => g
                with
            { Kpis = g.Kpis.Where(k => k.Key is "churn" or "csat").ToDictionary() }),
                o => o.WithStrictOrdering());
            await FluentActions.Awaiting(() => new KpiReports(db).GroupsAsync(request
                with
            { GroupBy = null })).Should().ThrowAsync<ArgumentException>();
        }

        var byCategory = await Reports.RunAsync(database, From, To, groupBy: Grouping.Category);
        byCategory.Groups!.Should().ContainSingle().Which.Key.Should().Be("billing");

        var byAgent = await Reports.RunAsync(database, From, To, new KpiFilters(Team: "Red"), Grouping.Agent);
        byAgent.Groups!.Select(g => g.Key).Should().Equal("R1");
    }

    [Fact]
    public async Task Key_drivers_report_importance_and_performance_for_dimensions_with_ten_ratings()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            // speed tracks the score exactly (importance 1); tone never varies (undefined); price has 9 ratings (left
            // out).
            int[] scores = [1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 5, 5];
            for (var i = 0; i < scores.Length; i++)
            {
                var dimensions = new List<(string, int)> { ("speed", scores[i]), ("tone", 4) };
                if (i < 9)
                    dimensions.Add(("price", 3));
                data.Survey(SurveyKind.Csat, scores[i], "2026-03-06T10:00:00Z", dimensions: [.. dimensions]);
            }
            data.Survey(SurveyKind.Csat, 5, "2026-04-06T10:00:00Z", dimensions: ("speed", 1)); // outside the period
            await data.SaveAsync();
        }

        await using var db = database.CreateContext();
        var drivers = await new KeyDrivers(db).AnalyseAsync(ReportPeriod.Dates(new(2026, 3, 1), new(2026, 4, 1),
            TimeZoneInfo.Utc), KpiFilters.None);

        drivers.Should().Equal(
            new DriverResult("speed", 12, 1.0, 40.0 / 12),
            new DriverResult("tone", 12, null, 4.0));
    }
}
