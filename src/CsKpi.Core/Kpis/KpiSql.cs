namespace CsKpi.Core.Kpis;

/// <summary>
/// PostgreSQL functions LINQ cannot say on its own, mapped in KpiDbContext. Calling them outside a query throws.
/// </summary>
public static class KpiSql
{
    /// <summary>date_trunc('day' | 'week' | 'month', local timestamp): PostgreSQL weeks are ISO, starting Monday.</summary>
    public static DateTime DateTrunc(string field, DateTime timestamp) => throw OutsideQuery();

    /// <summary>
    /// percentile_cont over an array_agg of the group (function cskpi_percentile_cont, created by a migration): the
    /// values stay in PostgreSQL, so a median is computed in the same GROUP BY as every other measure.
    /// </summary>
    public static double? PercentileCont(double[] values, double fraction) => throw OutsideQuery();

    private static InvalidOperationException OutsideQuery() => new("Only for use inside a LINQ query translated by EF Core.");
}
