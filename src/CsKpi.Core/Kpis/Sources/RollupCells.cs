using CsKpi.Core.Model;

namespace CsKpi.Core.Kpis.Sources;

/// <summary>The key of a rollup cell: a local day, a team, a channel and a lower-cased category.</summary>
internal sealed class RollupCell
{
    public DateTime Day { get; init; }
    public int? TeamId { get; init; }
    public Channel? Channel { get; init; }
    public string? Category { get; init; }
}

/// <summary>A rollup cell and its measures, in the columns of <c>kpi_rollups</c>.</summary>
internal sealed class RollupRow
{
    public DateTime Day { get; init; }
    public int? TeamId { get; init; }
    public Channel? Channel { get; init; }
    public string? Category { get; init; }
    public double?[] Values { get; init; } = [];
}

/// <summary>
/// A local day, a team and their values of one series, ascending (split into bins in <c>kpi_rollup_values</c>).
/// </summary>
internal sealed class RollupValues
{
    public DateTime Day { get; init; }
    public int? TeamId { get; init; }
    public double[] Sorted { get; init; } = [];
}
