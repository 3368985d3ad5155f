using CsKpi.Core.Demo;
using CsKpi.Core.Kpis;
using CsKpi.Tests.Infrastructure;

namespace CsKpi.Core.Tests.Kpis.Oracle;

/// <summary>The engine's numbers for every KPI equal those of the hand-written SQL, from the raw rows and the rollups.
/// </summary>
public class HandWrittenKpisTests
{
    // Two whole months of demo data: February 2026 and, as its previous period, January.
    private static readonly DemoOptions Data = new(Tickets: 3_000, Seed: 11, Until: new DateOnly(2026, 3, 1), Days: 75);
    private static readonly ReportPeriod February =
        ReportPeriod.Dates(new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1), TimeZoneInfo.Utc);

    [Fact]
    public async Task Engine_gives_the_hand_written_sql_numbers_for_every_kpi_and_its_previous_period()
    {
        await using var database = await TestDatabase.CreateAsync();
        await DemoData.LoadAsync(database.ConnectionString, Data, progress: null);
        var sql = await HandWrittenKpis.RunAsync(database.ConnectionString, February);
        sql.Values.Keys.Should().BeEquivalentTo(KpiRegistry.All.Select(k => k.Key), "the SQL defines every KPI");

        KpiReport raw;
        await using (var db = database.CreateContext())
            raw = await new KpiReports(db, KpiEngineOptions.RawRows)
                .RunAsync(new KpiRequest(February, KpiFilters.None));
        KpiReport fromRollups;
        await using (var db = database.CreateContext())
        {
            (await DailyRollups.RefreshAsync(db, "UTC")).Should().BeTrue();
            fromRollups = await new KpiReports(db).RunAsync(new KpiRequest(February, KpiFilters.None));
        }

        foreach (var (report, how) in new[] { (raw, "from the raw rows"), (fromRollups, "from the rollups") })
        {
            foreach (var (key, expected) in sql.Values)
            {
                expected.Should().NotBeNull($"the data has {key} this period");
                report.Kpis[key].Value.Should().BeApproximately(expected!.Value, Tolerance(expected), $"{key} {how}");
            }
            foreach (var (key, expected) in sql.Previous)
            {
                expected.Should().NotBeNull($"the data has {key} the previous period");
                report.Kpis[key].Previous.Should().BeApproximately(expected!.Value, Tolerance(expected),
                    $"{key} (previous) {how}");
            }
        }
    }

    private static double Tolerance(double? expected) => 1e-6 * Math.Max(1, Math.Abs(expected!.Value));
}
