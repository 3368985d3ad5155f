using System.Globalization;
using CsKpi.Core.Kpis;
using Microsoft.Extensions.Localization;

namespace CsKpi.Web.Dashboard;

/// <summary>
/// A trend's buckets that the period cuts (its first or last week or month holds fewer days): flagged per point, so
/// the chart draws them dashed and hollow, and named under the chart, so a short week does not read as a drop.
/// </summary>
public static class TrendPartials
{
    /// <summary>Per bucket of <paramref name="groups"/> (keys yyyy-MM-dd, the bucket's first day): partial or not.
    /// </summary>
    public static IReadOnlyList<bool> Of(ResolvedQuery view, IReadOnlyList<KpiGroup> groups) =>
        groups.Select(g => g.Key is { } key
            && DateTime.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var start)
            && view.Period.IsPartial(start, view.Bucket)).ToList();

    /// <summary>" Partial weeks (…): 24 Nov, 29 Dec." or empty: the sentence that follows the chart's note.</summary>
    public static string Note(TimeBucket bucket, IReadOnlyList<KpiGroup> groups, IReadOnlyList<bool> partial,
        IStringLocalizer t)
    {
        var labels = groups.Where((_, i) => partial[i]).Select(g => g.Label ?? g.Key ?? "").ToList();
        if (labels.Count == 0)
            return "";
        var text = bucket == TimeBucket.Month
            ? "Partial months (the period cuts them; dashed line, hollow point): {0}."
            : "Partial weeks (the period cuts them; dashed line, hollow point): {0}.";
        return " " + t[text, string.Join(", ", labels)].Value;
    }
}
