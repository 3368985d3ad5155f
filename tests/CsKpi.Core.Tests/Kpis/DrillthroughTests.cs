using System.Globalization;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Tests.Kpis;

/// <summary>
/// Trust (issue #9): over randomly generated tickets, interactions and survey responses, the list behind every KPI
/// has exactly the count the number reports, and the buckets of an additive KPI's trend add up to the period's value.
/// </summary>
public class DrillthroughTests
{
    private static readonly ReportPeriod March = ReportPeriod.Dates(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1),
        TimeZoneInfo.Utc);
    private static readonly string?[] Categories = ["complaint", "Return", "billing", null];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Every_kpis_list_has_exactly_its_count_and_day_buckets_add_up(int seed)
    {
        await using var database = await TestDatabase.CreateAsync();
        await GenerateAsync(database, seed);
        await using var db = database.CreateContext();
        var reports = new KpiReports(db);
        var drill = new Drillthrough(db);

        foreach (var filters in new[] { KpiFilters.None, new KpiFilters(Team: "Blue"),
            new KpiFilters(Channel: Channel.Chat, Category: "complaint") })
        {
            var report = await reports.RunAsync(new KpiRequest(March, filters, Grouping.Day));
            foreach (var kpi in KpiRegistry.All.Where(Drillthrough.Supports))
            {
                var listed = kpi.Source switch
                {
                    KpiSource.Surveys => (await drill.ResponsesAsync(kpi, March, filters, page: 1)).Total,
                    KpiSource.Interactions => (await drill.InteractionsAsync(kpi, March, filters, page: 1)).Total,
                    KpiSource.Customers => (await drill.CustomersAsync(kpi, March, page: 1)).Total,
                    _ => (await drill.PageAsync(kpi, March, filters, page: 1)).Total,
                };
                // Churn lists the churned and retention the retained customers (#19 point 5), not the denominator;
                // retention's numerator also subtracts the new customers lost in the period.
                var expected = kpi.Source != KpiSource.Customers ? report.Kpis[kpi.Key].Count
                    : CustomerRecordsTests.Counted(report.Kpis[kpi.Key]) + (kpi.Key == KpiRegistry.Retention
                        ? await drill.NewCustomersLost(March).LongCountAsync() : 0);
                listed.Should().Be(expected, $"{kpi.Key} with {filters} (seed {seed})");
                if (kpi.Formula == KpiFormula.Count)
                {
                    report.Groups!.Sum(g => g.Kpis[kpi.Key].Value ?? 0).Should().Be(report.Kpis[kpi.Key].Value ?? 0,
                        $"{kpi.Key}'s day buckets add up to the month (seed {seed})");
                }
            }
        }
    }

    [Fact]
    public async Task A_page_holds_the_tickets_in_time_order_with_what_a_manager_checks_first()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            var ann = data.Agent("A1", team: "Blue");
            var ticket = data.Ticket("2026-03-02T08:00:00Z", Channel.Phone, ann, category: "complaint",
                firstResponseSeconds: 90, resolvedAfterSeconds: 3600, interactions: 2);
            data.Survey(SurveyKind.Csat, 4, "2026-03-03T08:00:00Z", ticket);
            data.Survey(SurveyKind.Nps, 9, "2026-03-03T08:00:00Z", ticket);
            for (var i = 0; i < 3; i++)
                data.Ticket($"2026-03-1{i}T08:00:00Z", Channel.Email);
            await data.SaveAsync();
        }
        await using var db = database.CreateContext();
        var volume = KpiRegistry.Get(KpiRegistry.TicketVolume);

        var first = await new Drillthrough(db).PageAsync(volume, March, KpiFilters.None, page: 1, pageSize: 3);
        var last = await new Drillthrough(db).PageAsync(volume, March, KpiFilters.None, page: 9, pageSize: 3);

        (first.Total, first.Pages, first.Rows.Count, last.Page, last.Rows.Count).Should().Be((4L, 2, 3, 2, 1),
            "a page past the end shows the last");
        first.Rows[0].Should().Be(new TicketRecord("T1", KpiData.At("2026-03-02T08:00:00Z"), Channel.Phone, "complaint",
            "A1", "Blue",
            90, 3600, 2, 120, 4, 9));
        first.Rows.Select(r => r.CreatedAt).Should().BeInAscendingOrder();
        (await new Drillthrough(db).AllAsync(volume, March, KpiFilters.None).CountAsync()).Should().Be(4);
        FluentActions.Invoking(() => new Drillthrough(db).TicketsBehind(KpiRegistry.Get(KpiRegistry.Csat), March,
            KpiFilters.None))
            .Should().Throw<ArgumentException>();
    }

    /// <summary>
    /// 60 tickets over March (and a few just outside), random in every dimension a ticket KPI looks at.
    /// </summary>
    internal static async Task GenerateAsync(TestDatabase database, int seed)
    {
        var random = new Random(seed);
        await using var data = new KpiData(database.CreateContext());
        var agents = new[] { data.Agent("B1", team: "Blue"), data.Agent("B2", team: "Blue"),
            data.Agent("R1", team: "Red"), null };
        var customers = Enumerable.Range(0, 8).Select(_ => data.Customer()).Append(null).ToArray();
        // Customers with dates around March, for churn and retention: some gone before, some leaving, some joining.
        var dates = new Random(seed + 1000); // its own sequence: the tickets below stay as they were
        for (var i = 0; i < 40; i++)
        {
            var since = new DateOnly(2026, 1, 1).AddDays(dates.Next(0, 120));
            data.Customer(since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                dates.Next(3) == 0 ? since.AddDays(dates.Next(1, 90)).ToString("yyyy-MM-dd",
                    CultureInfo.InvariantCulture) : null);
        }
        var tickets = new List<Ticket>();
        for (var i = 0; i < 60; i++)
        {
            var created = new DateTime(2026, 2, 27, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(0, 36 * 24 * 60));
            tickets.Add(data.Ticket(created.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                Channels.Defaults[random.Next(Channels.Defaults.Count)], agents[random.Next(agents.Length)],
                    customers[random.Next(customers.Length)],
                Categories[random.Next(Categories.Length)],
                firstResponseSeconds: random.Next(3) == 0 ? null : random.Next(60, 86_400),
                resolvedAfterSeconds: random.Next(3) == 0 ? null : random.Next(600, 10 * 86_400),
                reopened: random.Next(5) == 0,
                interactions: random.Next(3)));
        }
        for (var i = 0; i < 80; i++)
        {
            var kind = Enum.GetValues<SurveyKind>()[random.Next(4)];
            var (min, max) = kind.Scale();
            var submitted = new DateTime(2026, 2, 27, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(0,
                36 * 24 * 60));
            data.Survey(kind, random.Next(min, max + 1), submitted.ToString("yyyy-MM-ddTHH:mm:ssZ",
                CultureInfo.InvariantCulture),
                kind == SurveyKind.Enps || random.Next(4) == 0 ? null : tickets[random.Next(tickets.Count)],
                random.Next(3) == 0 ? null : agents[random.Next(agents.Length)]);
        }
        await data.SaveAsync();
    }
}
