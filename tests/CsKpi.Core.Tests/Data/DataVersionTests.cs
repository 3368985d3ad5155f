using CsKpi.Core.Data;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Kpis;
using CsKpi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Tests.Data;

public class DataVersionTests
{
    [Fact]
    public async Task Every_kind_of_write_to_the_kpi_tables_moves_the_version_on_and_reads_do_not()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var versions = new List<long> { await DataVersion.CurrentAsync(db) };
        async Task Step(Func<Task> write)
        {
            await write();
            versions.Add(await DataVersion.CurrentAsync(db));
        }

        await Step(async () =>
        {
            await using var data = new KpiData(database.CreateContext());
            data.Ticket("2026-03-02T08:00:00Z", Channel.Phone);
            await data.SaveAsync();
        });
        await Step(() => db.Tickets.ExecuteUpdateAsync(t => t.SetProperty(x => x.Category, "billing")));
        await Step(() => db.Targets.AddAsync(new Target { KpiKey = "csat", Value = 80 }).AsTask()
            .ContinueWith(_ => db.SaveChangesAsync()).Unwrap());
        await Step(() => db.Tickets.CountAsync()); // a read
        await Step(() => db.Database.ExecuteSqlRawAsync("TRUNCATE tickets CASCADE"));

        versions.Should().BeInAscendingOrder();
        versions[1].Should().BeGreaterThan(versions[0], "an insert");
        versions[2].Should().BeGreaterThan(versions[1], "an update");
        versions[3].Should().BeGreaterThan(versions[2], "a target");
        versions[4].Should().Be(versions[3], "a read changes nothing");
        versions[5].Should().BeGreaterThan(versions[4], "a truncate");
    }
}
