using System.Globalization;
using CsKpi.Core.Kpis;

namespace CsKpi.Web.Dashboard;

/// <summary>
/// A trend bucket's name on a chart axis, in the page's culture ("2 dic", "lis 2026"), from its key (yyyy-MM-dd, the
/// bucket's first day); the year only where buckets could be mistaken for each other.
/// </summary>
public static class BucketLabels
{
    public static IReadOnlyList<string> For(IEnumerable<KpiGroup> groups, TimeBucket bucket, ReportPeriod period)
    {
        var withYear = period.From.Year != period.To.AddDays(-1).Year;
        return groups.Select(g => Format(g.Key, bucket, withYear, CultureInfo.CurrentCulture)).ToList();
    }

    public static string Format(string? key, TimeBucket bucket, bool withYear, CultureInfo culture)
    {
        if (!DateTime.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var start))
            return key ?? "";
        var pattern = bucket switch
        {
            TimeBucket.Month => "MMM yyyy",
            _ => withYear ? "d MMM yyyy" : "d MMM",
        };
        return start.ToString(pattern, culture);
    }
}
