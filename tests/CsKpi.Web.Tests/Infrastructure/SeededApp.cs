using CsKpi.Core.Tests.Kpis;
using CsKpi.Tests.Infrastructure;

namespace CsKpi.Web.Tests.Infrastructure;

/// <summary>
/// A test class's app over its own database, seeded once with the rows its tests read (and never change): the
/// subclass says which in <see cref="Seed"/>.
/// </summary>
public abstract class SeededApp : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();
    public CsKpiWebFactory Factory { get; private set; } = null!;

    private protected abstract void Seed(KpiData data);

    public virtual async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await using (var data = new KpiData(Database.CreateContext()))
        {
            Seed(data);
            await data.SaveAsync();
        }
        Factory = new CsKpiWebFactory(Database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
