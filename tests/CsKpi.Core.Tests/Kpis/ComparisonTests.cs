using System.Globalization;
using CsKpi.Core.Kpis;
using CsKpi.Core.Kpis.Reports;
using CsKpi.Core.Kpis.Sources;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;

namespace CsKpi.Core.Tests.Kpis;

/// <summary>
/// A report compared with the previous period or the same period a year earlier, and where a period reaches past
/// the data (before the first record, after the last), against real PostgreSQL with hand-computed values.
/// </summary>
public class ComparisonTests
{
    private static readonly TimeZoneInfo UtcZone = TimeZoneInfo.Utc;

    [Fact]
    public async Task A_year_earlier_comparison_measures_the_same_dates_a_year_before()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            // March 2025: 3 tickets, csat 1 of 2 satisfied.
            data.Ticket("2025-03-02T08:00:00Z");
            data.Ticket("2025-03-15T08:00:00Z");
            data.Ticket("2025-03-31T23:00:00Z");
            data.Ticket("2025-04-01T00:00:00Z"); // a year earlier's "to": not counted
            data.Survey(SurveyKind.Csat, 5, "2025-03-10T10:00:00Z");
            data.Survey(SurveyKind.Csat, 2, "2025-03-11T10:00:00Z");
            // February 2026 (the previous period, 29 January … 28 February): 2 tickets, csat 1 of 1.
            data.Ticket("2026-02-10T08:00:00Z");
            data.Ticket("2026-02-20T08:00:00Z");
            data.Survey(SurveyKind.Csat, 4, "2026-02-10T10:00:00Z");
            // March 2026: 5 tickets, csat 3 of 4.
            foreach (var day in new[] { "01", "05", "10", "20", "31" })
                data.Ticket($"2026-03-{day}T12:00:00Z");
            foreach (var score in new[] { 5, 4, 4, 1 })
                data.Survey(SurveyKind.Csat, score, "2026-03-12T10:00:00Z");
            // Customers: A churns in March 2025, C in March 2026, B stays.
            data.Customer(since: "2024-01-01", cancelled: "2025-03-15");
            data.Customer(since: "2024-01-01");
            data.Customer(since: "2024-01-01", cancelled: "2026-03-10");
            await data.SaveAsync();
        }
        var march = ReportPeriod.Dates(Day("2026-03-01"), Day("2026-04-01"), UtcZone);

        var previous = await RunAsync(database, march);
        var yearEarlier = await RunAsync(database, march with { Comparison = Comparison.YearEarlier });

        previous.Kpis["ticket_volume"].Should().Be(new KpiValue(5, 5, 2, 2));
        yearEarlier.Kpis["ticket_volume"].Should().Be(new KpiValue(5, 5, 3, 3));
        previous.Kpis["csat"].Should().Be(new KpiValue(75, 4, 100, 1));
        yearEarlier.Kpis["csat"].Should().Be(new KpiValue(75, 4, 50, 2));
        // Churn: March 2026 has B and C active at from, C leaves (50 %); March 2025 has all three, A leaves (1/3);
        // 29 January … 1 March 2026 has B and C, nobody leaves.
        previous.Kpis["churn"].Should().Be(new KpiValue(50, 2, 0, 2));
        yearEarlier.Kpis["churn"].Value.Should().Be(50);
        yearEarlier.Kpis["churn"].Previous.Should().BeApproximately(100.0 / 3, 1e-9);
        yearEarlier.Kpis["churn"].PreviousCount.Should().Be(3);
    }

    [Fact]
    public async Task The_extent_of_each_source_is_its_first_and_last_local_day()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            // 20:00 UTC is the next day in Kolkata (+05:30).
            data.Ticket("2025-03-02T20:00:00Z", resolvedAfterSeconds: 3600); // resolved 21:00 UTC, 3 Mar local
            data.Ticket("2026-12-01T10:00:00Z", resolvedAfterSeconds: 86400); // resolved 2 Dec
            data.Ticket("2026-06-01T10:00:00Z");
            data.Survey(SurveyKind.Nps, 9, "2025-05-05T12:00:00Z");
            data.Customer(since: "2024-01-01", cancelled: "2026-03-10");
            data.Customer(since: "2025-06-01");
            data.Customer(); // no customer_since: takes no part in churn or retention
            await data.SaveAsync();
        }
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

        await using var db = database.CreateContext();
        var extents = await RecordExtents.LoadAsync(db, kolkata, CancellationToken.None);

        extents[KpiSource.CreatedTickets].Should().Be(new RecordExtent(Day("2025-03-03"), Day("2026-12-01")));
        extents[KpiSource.ResolvedTickets].Should().Be(new RecordExtent(Day("2025-03-03"), Day("2026-12-02")));
        extents[KpiSource.Surveys].Should().Be(new RecordExtent(Day("2025-05-05"), Day("2025-05-05")));
        extents[KpiSource.Customers].Should().Be(new RecordExtent(Day("2024-01-01"), Day("2026-03-10")));
        extents.Should().NotContainKey(KpiSource.Interactions, "there are no interactions at all");
    }

    [Fact]
    public void A_period_inside_the_data_has_no_notes()
    {
        var extent = new RecordExtent(Day("2025-03-03"), Day("2026-12-01"));
        var lastDays = ReportPeriod.Dates(Day("2026-11-04"), Day("2026-12-02"), UtcZone);

        DataCoverage.Notes(lastDays, extent).Should().BeEmpty();
        DataCoverage.Notes(lastDays with { Comparison = Comparison.YearEarlier }, extent).Should().BeEmpty();
        DataCoverage.Notes(lastDays, null).Should().BeEmpty("no record at all is the no-data hint's to say");
    }

    [Fact]
    public void A_period_or_comparison_that_reaches_past_the_data_says_where_the_data_ends()
    {
        var extent = new RecordExtent(Day("2025-03-03"), Day("2026-12-01"));
        var q2 = ReportPeriod.Dates(Day("2025-04-01"), Day("2025-07-01"), UtcZone);
        var q1 = ReportPeriod.Dates(Day("2025-01-01"), Day("2025-04-01"), UtcZone);
        var today = ReportPeriod.Dates(Day("2026-12-01"), Day("2026-12-03"), UtcZone);

        // Q2 2025 against Q1 2025 (1 January … 31 March): the comparison starts before the data, but holds some.
        DataCoverage.Notes(q2, extent).Should().Equal(new CoverageNote(CoverageCode.ComparisonStartsBeforeData,
            Day("2025-03-03")));
        // Against Q2 2024: nothing at all to compare with.
        var noData = DataCoverage.Notes(q2 with { Comparison = Comparison.YearEarlier }, extent);
        noData.Should().Equal(new CoverageNote(CoverageCode.ComparisonBeforeData, Day("2025-03-03")));
        noData.Single().LeavesNothingToCompare.Should().BeTrue();
        // Q1 2025 itself starts before the data, and its previous quarter lies wholly before it.
        DataCoverage.Notes(q1, extent).Should().Equal(
            new CoverageNote(CoverageCode.PeriodStartsBeforeData, Day("2025-03-03")),
            new CoverageNote(CoverageCode.ComparisonBeforeData, Day("2025-03-03")));
        // 1 … 2 December 2026 ends a day after the last record; its previous 2 days are inside.
        DataCoverage.Notes(today, extent).Should().Equal(
            new CoverageNote(CoverageCode.PeriodEndsAfterData, Day("2026-12-01")));
        // After the data ends: 10 … 19 July 2020 against 30 June … 9 July, then August against July.
        var old = new RecordExtent(Day("2020-01-01"), Day("2020-06-30"));
        var july = ReportPeriod.Dates(Day("2020-07-10"), Day("2020-07-20"), UtcZone);
        DataCoverage.Notes(july, old).Should().Equal(
            new CoverageNote(CoverageCode.PeriodEndsAfterData, Day("2020-06-30")),
            new CoverageNote(CoverageCode.ComparisonEndsAfterData, Day("2020-06-30")));
        var august = ReportPeriod.Dates(Day("2020-08-01"), Day("2020-09-01"), UtcZone);
        DataCoverage.Notes(august, old).Should().Equal(
            new CoverageNote(CoverageCode.PeriodEndsAfterData, Day("2020-06-30")),
            new CoverageNote(CoverageCode.ComparisonAfterData, Day("2020-06-30")));
    }

    private static async Task<KpiReport> RunAsync(TestDatabase database, ReportPeriod period)
    {
        await using var db = database.CreateContext();
        return await new KpiReports(db).RunAsync(new KpiRequest(period, KpiFilters.None));
    }

    private static DateOnly Day(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);
}
