using CsKpi.Core.Kpis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CsKpi.Web.Dashboard;

/// <summary>
/// Why a trend has holes although there were records: buckets with fewer than 5 survey responses are hidden
/// (kpis.md). The chart says so and links the same view in the next larger bucket, where fewer are hidden.
/// </summary>
public static class TrendGaps
{
    /// <summary>How many buckets the privacy rule hid.</summary>
    public static int Hidden(Kpi kpi, IEnumerable<KpiGroup> groups) =>
        groups.Count(g => g.Kpis.TryGetValue(kpi.Key, out var value) && SurveyPrivacy.Hides(kpi, value.Count));

    public static TimeBucket? Larger(TimeBucket bucket) => bucket switch
    {
        TimeBucket.Day => TimeBucket.Week,
        TimeBucket.Week => TimeBucket.Month,
        _ => null,
    };

    /// <summary>The sentence for hidden buckets (English: the key of its translations; {0} is the minimum).</summary>
    public static string HiddenText(TimeBucket bucket) => bucket switch
    {
        TimeBucket.Day => "Days with fewer than {0} responses are hidden (privacy).",
        TimeBucket.Week => "Weeks with fewer than {0} responses are hidden (privacy).",
        _ => "Months with fewer than {0} responses are hidden (privacy).",
    };

    /// <summary>Why a card has no sparkline although it has a value.</summary>
    public static string NoLineText(TimeBucket bucket) => bucket switch
    {
        TimeBucket.Day => "No trend line: fewer than two days with data.",
        TimeBucket.Week => "No trend line: fewer than two weeks with data.",
        _ => "No trend line: fewer than two months with data.",
    };

    /// <summary>
    /// The note for a trend of <paramref name="kpi"/> over <paramref name="groups"/> on <paramref name="page"/>, or
    /// null when nothing is hidden.
    /// </summary>
    public static ChartGap? For(Kpi kpi, IReadOnlyList<KpiGroup> groups, TimeBucket bucket, DashboardQuery query,
        IUrlHelper url, string page, IStringLocalizer t)
    {
        if (Hidden(kpi, groups) == 0)
            return null;
        var text = t[HiddenText(bucket), SurveyPrivacy.MinimumResponses].Value;
        if (Larger(bucket) is not { } larger)
            return new ChartGap(text);
        var route = new Dictionary<string, string?>(query.RouteValues())
        {
            ["bucket"] = larger.ToString().ToLowerInvariant(),
        };
        var linkText = larger == TimeBucket.Week ? t["Show it by week"].Value : t["Show it by month"].Value;
        return new ChartGap(text, url.Page(page, route), linkText);
    }
}
