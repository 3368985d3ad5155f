using System.Linq.Expressions;
using CsKpi.Core.Data;

namespace CsKpi.Core.Kpis.Sources;

/// <summary>Records placed on local days, as the daily rollups key them.</summary>
internal static class LocalDays
{
    /// <summary>The local day of a timestamp in <paramref name="zone"/>.</summary>
    public static Expression<Func<T, DateTime>> Of<T>(Expression<Func<T, DateTime>> timestamp, string zone) =>
        timestamp.Then(ts => KpiSql.DateTrunc("day", TimeZoneInfo.ConvertTimeBySystemTimeZoneId(ts, zone)));

    /// <summary>
    /// The records of the given local days (<paramref name="day"/> of their <paramref name="timestamp"/>); all when
    /// null.
    /// </summary>
    public static IQueryable<T> On<T>(IQueryable<T> records, Expression<Func<T, DateTime>> timestamp,
        Expression<Func<T, DateTime>> day, IReadOnlyList<DateTime>? days)
    {
        if (days is null)
            return records;
        // A day's records lie within a day of its UTC bounds in any zone: the range lets the index narrow the scan.
        var fromUtc = DateTime.SpecifyKind(days.Min().AddDays(-1), DateTimeKind.Utc);
        var toUtc = DateTime.SpecifyKind(days.Max().AddDays(2), DateTimeKind.Utc);
        var dates = days.Select(DateOnly.FromDateTime).ToList();
        return records.Where(timestamp.Then<T, DateTime, bool>(ts => ts >= fromUtc && ts < toUtc))
            .Where(day.Then<T, DateTime, bool>(d => dates.Contains(DateOnly.FromDateTime(d))));
    }
}
