namespace CsKpi.Core.Kpis;

/// <summary>
/// How the engine reads its numbers, chosen once where it is built: bound from the "KpiEngine" section in the web
/// app, set by <c>cskpi bench overview --raw</c>, and by the tests that hold the rollups to the raw rows.
/// </summary>
public sealed record KpiEngineOptions
{
    /// <summary>
    /// Read additive measures over whole days from the daily rollups when they are current (else the raw rows); off
    /// reads every measure from the raw rows — the same numbers, slower.
    /// </summary>
    public bool UseRollups { get; init; } = true;

    public static KpiEngineOptions Default { get; } = new();

    /// <summary>Every number from the raw rows, whatever state the rollups are in.</summary>
    public static KpiEngineOptions RawRows { get; } = new() { UseRollups = false };
}
