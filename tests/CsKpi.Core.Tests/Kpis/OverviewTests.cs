using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CsKpi.Core.Tests.Kpis;

/// <summary>
/// The overview gathers its parts side by side; what it returns is what each part gives when asked alone.
/// </summary>
public class OverviewTests
{
    private static readonly ReportPeriod March = ReportPeriod.Dates(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1),
        TimeZoneInfo.Utc);

    [Theory]
    [InlineData(Grouping.Day)]
    [InlineData(Grouping.Week)]
    public async Task Side_by_side_gives_the_numbers_of_each_part_asked_alone(Grouping trend)
    {
        await using var database = await TestDatabase.CreateAsync();
        await DrillthroughTests.GenerateAsync(database, seed: 5);
        var filters = new KpiFilters(Team: "Blue");
        var contexts =
            new PooledDbContextFactory<KpiDbContext>(new
            DbContextOptionsBuilder<KpiDbContext>().UseCsKpiPostgres(database.ConnectionString).Options);

        var overview = await new Overview(contexts).GatherAsync(new OverviewRequest(March, filters, trend));

        await using var db = database.CreateContext();
        var report = await new KpiReports(db).RunAsync(new KpiRequest(March, filters, trend));
        overview.Report.Should().BeEquivalentTo(report);
        var channels = await new KpiReports(db).GroupsAsync(new KpiRequest(March, filters, Grouping.Channel));
        overview.Channels.Select(c => c.Key).Should().Equal(channels.Where(c => c.Key is not null).Select(c => c.Key));
        overview.Channels.Should().BeEquivalentTo(channels.Where(c => c.Key is not null).Select(c => c with
        {
            Kpis = c.Kpis.Where(k => Overview.ChannelKpis.Contains(k.Key)).ToDictionary(),
        }), o => o.WithStrictOrdering(), "the channel bars carry their two KPIs, as the full breakdown has them");
        overview.Split.Should().Be(await new SurveyBreakdowns(db).NetScoreSplitAsync(March, filters, SurveyKind.Nps));
        overview.Waits.Should().Equal(await new ResponseTimeDistribution(db).AnalyseAsync(March, filters));
        overview.Drivers.Should().Equal(await new KeyDrivers(db).AnalyseAsync(March, filters));
    }

    [Fact]
    public async Task Without_the_rollups_every_number_is_the_same()
    {
        await using var database = await TestDatabase.CreateAsync();
        await DrillthroughTests.GenerateAsync(database, seed: 6);
        var contexts =
            new PooledDbContextFactory<KpiDbContext>(new
            DbContextOptionsBuilder<KpiDbContext>().UseCsKpiPostgres(database.ConnectionString).Options);
        var request = new OverviewRequest(March, KpiFilters.None, Grouping.Day);
        await using (var db = database.CreateContext())
            (await DailyRollups.RefreshAsync(db, "UTC")).Should().BeTrue("the overview never refreshes them");

        var rolled = await new Overview(contexts).GatherAsync(request);
        var raw = await new Overview(contexts, KpiEngineOptions.RawRows).GatherAsync(request);

        raw.Should().BeEquivalentTo(rolled, o => o.WithStrictOrdering());
        rolled.Report.Kpis[KpiRegistry.FirstResponseMedian].Value
            .Should().NotBeNull("percentiles are compared, not two empty reports");
    }
}
