using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Core.Kpis.Analyses;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Dashboard;
using CsKpi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests.Dashboard;

/// <summary>The overview's cache as the app configures it: one computation for a morning rush, no copies.</summary>
public class DashboardCacheTests
{
    [Fact]
    public async Task Requests_for_a_missing_overview_share_one_computation_and_get_the_same_numbers()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var services = factory.Services;
        var cache = services.GetRequiredService<DashboardCache>();
        var numbers = await new Overview(services.GetRequiredService<IDbContextFactory<KpiDbContext>>())
            .GatherAsync(new OverviewRequest(
                ReportPeriod.Dates(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1), TimeZoneInfo.Utc),
                KpiFilters.None, Grouping.Day), CancellationToken.None);

        var computed = 0;
        var query = new TaskCompletionSource<OverviewNumbers>(TaskCreationOptions.RunContinuationsAsynchronously);
        async ValueTask<OverviewNumbers> Compute(CancellationToken token)
        {
            Interlocked.Increment(ref computed);
            return await query.Task.WaitAsync(token);
        }
        // Both ask while the first one's query is still running.
        var first = cache.GetOrCreateAsync("overview:test", Compute, CancellationToken.None).AsTask();
        var second = cache.GetOrCreateAsync("overview:test", Compute, CancellationToken.None).AsTask();
        query.SetResult(numbers);

        (await first).Should().BeSameAs(numbers);
        (await second).Should().BeSameAs(numbers, "the second request waited for the first one's query");
        (await cache.GetOrCreateAsync("overview:test", Compute, CancellationToken.None))
            .Should().BeSameAs(numbers, "a later request is served from the cache, not a copy of it");
        computed.Should().Be(1);
    }
}
