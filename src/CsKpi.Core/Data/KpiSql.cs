namespace CsKpi.Core.Data;

/// <summary>
/// PostgreSQL functions LINQ cannot say on its own, mapped in KpiDbContext. Calling them outside a query throws.
/// </summary>
public static class KpiSql
{
    /// <summary>
    /// date_trunc('day' | 'week' | 'month', local timestamp): PostgreSQL weeks are ISO, starting Monday.
    /// </summary>
    public static DateTime DateTrunc(string field, DateTime timestamp) => throw OutsideQuery();

    /// <summary>
    /// percentile_cont of the group's values, given as <c>array_agg(v ORDER BY v)</c> (function cskpi_percentile_cont,
    /// created by a migration): linear interpolation between the two nearest ranks, exactly as percentile_cont. The
    /// values stay in PostgreSQL; the sort happens once in the aggregate, which PostgreSQL shares between the median
    /// and the 90th percentile of the same values.
    /// </summary>
    public static double? PercentileCont(double[] sortedValues, double fraction) => throw OutsideQuery();

    /// <summary>
    /// <c>later − earlier</c> in whole microseconds (function cskpi_microseconds, created by a migration): PostgreSQL's
    /// own resolution, so a sum of them is exact in any order and any grouping — the mean first response can then come
    /// from the daily rollups and equal the raw rows' to the last bit.
    /// </summary>
    public static long Microseconds(DateTime later, DateTime earlier) => throw OutsideQuery();

    /// <summary>
    /// PostgreSQL's lower(): the category comparisons and groupings of every KPI. (string.ToLower() would translate
    /// too, but the analyzers rightly ask C# code for a culture, which SQL has no use for.)
    /// </summary>
    public static string? Lower(string? text) => throw OutsideQuery();

    /// <summary>PostgreSQL's upper(), as Identity normalises e-mail addresses.</summary>
    public static string? Upper(string? text) => throw OutsideQuery();

    private static InvalidOperationException OutsideQuery() =>
        new("Only for use inside a LINQ query translated by EF Core.");
}
