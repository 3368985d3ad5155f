using System.Globalization;
using System.Linq.Expressions;
using CsKpi.Core.Kpis;
using CsKpi.Core.Kpis.Sources;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Tests.Kpis;

/// <summary>
/// Churn and retention are counted over clipped (customer_since, cancelled_on) cells; these tests hold them to the
/// registry's own definition evaluated customer by customer in memory, over random customers whose dates crowd the
/// period's edges.
/// </summary>
public class CustomerKpiTests
{
    [Fact]
    public async Task Customer_date_counts_follow_every_insert_update_delete_and_truncate_of_customers()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        const string counts =
            "SELECT coalesce(string_agg(customer_since || '/' || coalesce(cancelled_on::text, '-') || '='"
            + " || customers, ' ' ORDER BY customer_since, cancelled_on), '') AS \"Value\" FROM customer_dates";
        const string truth =
            "SELECT coalesce(string_agg(s || '/' || coalesce(c::text, '-') || '=' || n, ' ' ORDER BY s, c), '') "
            + "AS \"Value\" FROM (SELECT customer_since s, cancelled_on c, count(*) n FROM customers "
            + "WHERE customer_since IS NOT NULL GROUP BY 1, 2) x";
        async Task ExpectEqualAsync(string because)
        {
            var expected = await db.Database.SqlQueryRaw<string>(truth).SingleAsync();
            (await db.Database.SqlQueryRaw<string>(counts).SingleAsync()).Should().Be(expected, because);
        }

        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO customers (source_id, customer_since, cancelled_on)
            SELECT 'C' || i, date '2026-01-01' + i % 7,
                CASE WHEN i % 3 = 0 THEN date '2026-03-01' + i % 5 END FROM generate_series(1, 200) i;
            INSERT INTO customers (source_id) VALUES ('bare');
            """);
        await ExpectEqualAsync("after inserts");
        (await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM customer_dates").SingleAsync())
            .Should().BeLessThan(200, "customers share pairs of dates");
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE customers SET cancelled_on = date '2026-04-01' WHERE source_id LIKE 'C1%'");
        await db.Database.ExecuteSqlRawAsync("UPDATE customers SET customer_since = NULL WHERE source_id LIKE 'C2%'");
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE customers SET customer_since = date '2025-12-31' WHERE source_id = 'bare'");
        await ExpectEqualAsync("after updates");
        await db.Database.ExecuteSqlRawAsync(
            "DELETE FROM customers WHERE source_id LIKE 'C3%' OR source_id LIKE 'C4%'");
        await ExpectEqualAsync("after deletes");
        (await db.Database.SqlQueryRaw<long>(
            "SELECT count(*) AS \"Value\" FROM customer_dates WHERE customers = 0").SingleAsync())
            .Should().Be(0);
        await db.Database.ExecuteSqlRawAsync("TRUNCATE customers CASCADE");
        await ExpectEqualAsync("after a truncate");
    }

    [Theory]
    [InlineData(1, "2026-03-01", "2026-04-01", Grouping.Day)]
    [InlineData(2, "2026-03-01", "2026-04-01", Grouping.Week)]
    [InlineData(3, "2026-01-01", "2026-07-01", Grouping.Month)]
    [InlineData(4, "2026-03-10", "2026-03-12", Grouping.Day)]
    public async Task Churn_and_retention_per_bucket_and_in_total_are_the_registry_definition_customer_by_customer(
        int seed, string from, string to, Grouping trend)
    {
        var period = ReportPeriod.Dates(DateOnly.Parse(from, CultureInfo.InvariantCulture),
            DateOnly.Parse(to, CultureInfo.InvariantCulture), TimeZoneInfo.Utc);
        await using var database = await TestDatabase.CreateAsync();
        var customers = new List<Customer>();
        await using (var data = new KpiData(database.CreateContext()))
        {
            var random = new Random(seed);
            var edges = new[] { period.Previous.FromDate, period.FromDate, period.ToDate };
            DateOnly? Date()
            {
                // Near an edge of the periods (±2 days), or anywhere in two years around them, or missing.
                var pick = random.Next(10);
                return pick == 0 ? null
                    : pick < 6 ? edges[random.Next(edges.Length)].AddDays(random.Next(-2, 3))
                    : period.FromDate.AddDays(random.Next(-400, 400));
            }
            for (var i = 0; i < 400; i++)
            {
                var since = Date();
                var cancelled = since is { } s && random.Next(2) == 0 ? s.AddDays(random.Next(0, 120)) : Date();
                customers.Add(data.Customer(since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    cancelled?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }
            await data.SaveAsync();
        }

        await using var db = database.CreateContext();
        var report = await new KpiReports(db).RunAsync(new KpiRequest(period, KpiFilters.None, trend));

        foreach (var kpi in KpiRegistry.All.Where(k => k.Source == KpiSource.Customers))
        {
            var (value, count) = InMemory(kpi, customers, period.FromDate, period.ToDate);
            var (before, beforeCount) = InMemory(kpi, customers, period.Previous.FromDate, period.Previous.ToDate);
            report.Kpis[kpi.Key].Should().Be(new KpiValue(value, count, before, beforeCount),
                $"{kpi.Key} in total (seed {seed})");
            var bucket = trend.AsTimeBucket()!.Value;
            foreach (var group in report.Groups!)
            {
                var start = DateOnly.Parse(group.Key!, CultureInfo.InvariantCulture);
                var (bucketFrom, bucketTo) = (Max(start, period.FromDate),
                    Min(DateOnly.FromDateTime(ReportPeriod.Next(start.ToDateTime(TimeOnly.MinValue), bucket)),
                    period.ToDate));
                var expected = InMemory(kpi, customers, bucketFrom, bucketTo);
                group.Kpis[kpi.Key].Should().Be(new KpiValue(expected.Value, expected.Count),
                    $"{kpi.Key} of {group.Key} (seed {seed})");
            }
        }
    }

    [Fact]
    public void A_customer_measure_that_does_more_than_count_customers_is_refused()
    {
        Expression<Func<IEnumerable<Customer>, DateOnly, DateOnly, double?>> oldest =
            (g, from, to) => g.Min(c => c.CustomerSince!.Value.DayNumber);

        var compile = () => CustomerCells.Compile(oldest);

        compile.Should().Throw<NotSupportedException>();
    }

    /// <summary>The registry's numerator and denominator run by LINQ to Objects over every customer.</summary>
    private static (double? Value, long Count) InMemory(Kpi kpi, List<Customer> customers, DateOnly from,
        DateOnly to) =>
        kpi.Evaluate(kpi.CustomerNumerator!.Compile()(customers, from, to),
            kpi.CustomerDenominator!.Compile()(customers, from, to));

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
