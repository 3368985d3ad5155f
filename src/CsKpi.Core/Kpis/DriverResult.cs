namespace CsKpi.Core.Kpis;

/// <summary>
/// One survey dimension: how many ratings, how strongly it moves the overall score, and how it is rated.
/// </summary>
public sealed record DriverResult(string Dimension, long N, double? Importance, double? Performance);
