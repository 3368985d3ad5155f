using CsKpi.Core.Data;
using NetArchTest.Rules;

namespace CsKpi.Core.Tests.Architecture;

/// <summary>
/// The engine that the web app ships starts no processes: initdb, pg_ctl and runuser belong to the CLI's local
/// cluster (LocalDatabase/), which only development and the tests use.
/// </summary>
public class ShippedCodeTests
{
    [Fact]
    public void The_engine_starts_no_processes()
    {
        var result = Types.InAssembly(typeof(KpiDbContext).Assembly)
            .ShouldNot().HaveDependencyOn("System.Diagnostics.Process").GetResult();

        (result.FailingTypeNames ?? []).Should().BeEmpty();
    }
}
