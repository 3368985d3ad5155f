using CsKpi.Core.Data;
using NetArchTest.Rules;

namespace CsKpi.Core.Tests.Architecture;

/// <summary>
/// The engine's folders depend one way (README, "Where things are"): Model ← Data ← Kpis, and Import and Accounts
/// beside Kpis on Data only. A type that reaches the other way fails here, naming itself.
/// </summary>
public class DependencyTests
{
    private const string Core = "CsKpi.Core";

    public static TheoryData<string, string[]> Forbidden => new()
    {
        { "Model", ["Data", "Kpis", "Import", "Accounts", "Demo"] },
        { "Data", ["Kpis", "Import", "Accounts", "Demo"] },
        { "Kpis", ["Import", "Accounts", "Demo"] },
        { "Import", ["Kpis", "Accounts", "Demo"] },
        { "Accounts", ["Kpis", "Import", "Demo"] },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void A_folder_depends_only_on_the_folders_beneath_it(string folder, string[] forbidden)
    {
        var types = Types.InAssembly(typeof(KpiDbContext).Assembly).That().ResideInNamespace($"{Core}.{folder}");
        types.GetTypes().Should().NotBeEmpty("the rule must be about real types");

        var result = types.ShouldNot().HaveDependencyOnAny(forbidden.Select(f => $"{Core}.{f}").ToArray()).GetResult();

        (result.FailingTypeNames ?? []).Should().BeEmpty();
    }
}
