using CsKpi.Core.Kpis;
using CsKpi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Tests.Kpis;

/// <summary>
/// Issue #19 point 5: churn's records are the churned customers and retention's the retained ones, as many as the
/// KPI counts, over random customers and periods (a property test: any seed must hold).
/// </summary>
public class CustomerRecordsTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public async Task Churn_lists_the_churned_and_retention_the_retained_as_many_as_the_kpi_counts(int seed)
    {
        await using var database = await TestDatabase.CreateAsync();
        var random = new Random(seed);
        var customers = new List<(DateOnly? Since, DateOnly? Cancelled)>();
        await using (var data = new KpiData(database.CreateContext()))
        {
            for (var i = 0; i < 30 + random.Next(40); i++)
            {
                DateOnly? since = random.Next(10) == 0 ? null : new DateOnly(2026, 1, 1).AddDays(random.Next(150));
                DateOnly? cancelled = since is { } s && random.Next(3) == 0 ? s.AddDays(random.Next(0, 90)) : null;
                customers.Add((since, cancelled));
                data.Customer(Day(since), Day(cancelled));
            }
            await data.SaveAsync();
        }
        await using var db = database.CreateContext();
        var drill = new Drillthrough(db);
        var reports = new KpiReports(db);
        var (churn, retention) = (KpiRegistry.Get(KpiRegistry.Churn), KpiRegistry.Get(KpiRegistry.Retention));

        for (var p = 0; p < 5; p++)
        {
            var from = new DateOnly(2026, 1, 15).AddDays(random.Next(100));
            var period = ReportPeriod.Dates(from, from.AddDays(random.Next(1, 60)), TimeZoneInfo.Utc);
            var report = await reports.RunAsync(new KpiRequest(period, KpiFilters.None));
            bool Active(DateOnly? since, DateOnly? cancelled, DateOnly d) =>
                since < d && (cancelled is null || cancelled >= d);
            var (start, end) = (period.FromDate, period.ToDate);
            var churned = customers.Count(c => Active(c.Since, c.Cancelled, start) && c.Cancelled < end);
            var retained = customers.Count(c =>
                Active(c.Since, c.Cancelled, start) && Active(c.Since, c.Cancelled, end));
            var newLost = customers.Count(c => c.Since >= start && c.Since < end && c.Cancelled < end);

            var churnList = await drill.CustomersBehind(churn, period).ToListAsync();
            var retainedList = await drill.CustomersBehind(retention, period).ToListAsync();
            var because = $"seed {seed}, {start}–{end}";
            churnList.Should().HaveCount(churned, because);
            churnList.Where(c => !(c.CancelledOn >= start && c.CancelledOn < end)).Should().BeEmpty(because);
            Counted(report.Kpis[KpiRegistry.Churn]).Should().Be(churnList.Count, "churn's records: " + because);
            retainedList.Should().HaveCount(retained, because);
            retainedList.Where(c => !(c.CustomerSince < start && (c.CancelledOn == null || c.CancelledOn >= end)))
                .Should().BeEmpty(because);
            // kpis.md: retention = (active at `to` − new in the period) / active at `from`; a new customer who also
            // left in the period is subtracted without being retained, so the numerator is the list less those.
            (await drill.NewCustomersLost(period).CountAsync()).Should().Be(newLost, because);
            Counted(report.Kpis[KpiRegistry.Retention]).Should().Be(retainedList.Count - newLost,
                "retention's records: " + because);
            (await drill.CustomersAsync(churn, period, page: 1)).Total.Should().Be(churned, because);
        }
    }

    /// <summary>The numerator of a rate: value × denominator / 100 (exact up to rounding).</summary>
    internal static long Counted(KpiValue rate) =>
        rate.Value is { } v ? (long)Math.Round(v * rate.Count / 100) : 0;

    private static string? Day(DateOnly? day) =>
        day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
