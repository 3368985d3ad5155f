using System.Globalization;
using CsKpi.Core.Kpis;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Dashboard;

/// <summary>
/// Links from a number, a chart point or a bar to the records behind it, with the same period and filters.
/// </summary>
public static class RecordLinks
{
    /// <summary>
    /// The records behind <paramref name="kpi"/>, narrowed by extra query values (a channel, a score range, a
    /// dimension…).
    /// </summary>
    public static string? For(
        IUrlHelper url,
        DashboardQuery query,
        string kpi,
        params (string Name, string? Value)[] narrowing) =>
        url.Page("/Records/Index", Route(query, kpi, narrowing));

    /// <summary>The route values of <see cref="For"/>, for a view's <c>asp-all-route-data</c>.</summary>
    public static Dictionary<string, string?> Route(
        DashboardQuery query,
        string kpi,
        params (string Name, string? Value)[] narrowing)
    {
        var values = new Dictionary<string, string?>(query.RouteValues()) { ["kpi"] = kpi, ["bucket"] = null };
        foreach (var (name, value) in narrowing)
            values[name] = value;
        return values;
    }

    /// <summary>
    /// The records behind one point of a trend: its bucket, clipped to the period, with the same filters; null when
    /// the KPI has no list.
    /// </summary>
    public static string? ForBucket(
        IUrlHelper url,
        DashboardQuery query,
        ResolvedQuery view,
        Kpi kpi,
        string? key,
        params (string Name, string? Value)[] narrowing)
    {
        if (!Drillthrough.Supports(kpi)
            || !DateTime.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var start))
            return null;
        var period = view.Period;
        var from = start < period.From ? period.From : start;
        var end = ReportPeriod.Next(start, view.Bucket);
        var to = (end > period.To ? period.To : end).AddDays(-1); // the page's custom period names its last day
        return For(url, query, kpi.Key,
            [("period", "custom"), ("from", ReportPeriod.Format(from)), ("to", ReportPeriod.Format(to)), .. narrowing]);
    }
}
