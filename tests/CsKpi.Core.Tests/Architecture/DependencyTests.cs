using CsKpi.Core.Data;
using NetArchTest.Rules;

namespace CsKpi.Core.Tests.Architecture;

/// <summary>
/// The engine's folders depend one way (README, "Where things are"): Model ← Data ← Kpis, and Import and Accounts
/// beside Kpis on Data only; inside Kpis, registry (the folder itself) → record sources → rollups → reports →
/// analyses (overview, drivers, drill-through). A type that reaches the other way fails here, naming itself.
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

    /// <summary>Each layer of the KPI engine, lowest first, and the layers above it that it must not use.</summary>
    public static TheoryData<string, string[]> KpiLayers => new()
    {
        { "", ["Sources", "Rollups", "Reports", "Analyses"] },
        { "Sources", ["Rollups", "Reports", "Analyses"] },
        { "Rollups", ["Reports", "Analyses"] },
        { "Reports", ["Analyses"] },
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

    [Theory]
    [MemberData(nameof(KpiLayers))]
    public void A_kpi_layer_depends_only_on_the_layers_beneath_it(string layer, string[] above)
    {
        var name = layer.Length == 0 ? $"{Core}.Kpis" : $"{Core}.Kpis.{layer}";
        // Exactly this namespace: the registry's (Kpis itself) holds the others.
        var types = Types.InAssembly(typeof(KpiDbContext).Assembly).That()
            .ResideInNamespaceMatching($"^{name.Replace(".", @"\.", StringComparison.Ordinal)}$");
        types.GetTypes().Should().NotBeEmpty("the rule must be about real types");

        var result = types.ShouldNot().HaveDependencyOnAny(above.Select(l => $"{Core}.Kpis.{l}").ToArray())
            .GetResult();

        (result.FailingTypeNames ?? []).Should().BeEmpty();
    }

    [Fact]
    public void Every_kpi_type_lives_in_a_known_layer()
    {
        var layers = KpiLayers.Select(row => (string)row[0]).Append("Analyses")
            .Select(l => l.Length == 0 ? $"{Core}.Kpis" : $"{Core}.Kpis.{l}").ToHashSet();

        var strays = typeof(KpiDbContext).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith($"{Core}.Kpis", StringComparison.Ordinal) == true)
            .Where(t => !layers.Contains(t.Namespace!))
            .Select(t => t.FullName);

        strays.Should().BeEmpty("a new folder under Kpis needs its place in the layers above");
    }
}
