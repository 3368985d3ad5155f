using System.Globalization;
using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;

namespace CsKpi.Web.Dashboard;

/// <summary>
/// Everything a dashboard page shows is chosen in its query string — period, filters, trend — so a URL can be shared
/// and bookmarked. Values are kept as typed; <see cref="Resolve"/> turns them into a period and filters.
/// </summary>
public sealed record DashboardQuery
{
    public const string DefaultPeriod = NamedPeriods.Default;

    /// <summary>The period dropdown: <see cref="NamedPeriods.Codes"/> in this order, and custom dates.</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> Periods =
    [
        ("last-7-days", "Last 7 days"), ("last-28-days", "Last 28 days"), ("last-90-days", "Last 90 days"),
        ("this-week", "This week"), ("last-week", "Last week"),
        ("this-month", "This month"), ("last-month", "Last month"),
        ("this-quarter", "This quarter"), ("last-quarter", "Last quarter"),
        ("this-year", "This year"), ("last-year", "Last year"), ("custom", "Custom dates"),
    ];

    /// <summary>The comparison dropdown, by <see cref="Comparisons.Code"/>.</summary>
    public static readonly IReadOnlyList<(Comparison Comparison, string Label)> ComparisonChoices =
    [
        (Comparison.Previous, "Previous period"), (Comparison.YearEarlier, "Same period a year earlier"),
    ];

    public string? Period { get; set; }
    /// <summary>Custom period: first day (yyyy-MM-dd).</summary>
    public string? From { get; set; }
    /// <summary>Custom period: last day, included (people pick the last day they want to see).</summary>
    public string? To { get; set; }
    public string? Team { get; set; }
    public string? Agent { get; set; }
    public string? Channel { get; set; }
    public string? Category { get; set; }
    /// <summary>Trend buckets: day, week or month (default by the period's length).</summary>
    public string? Bucket { get; set; }
    /// <summary>The KPI the trend chart shows.</summary>
    public string? Kpi { get; set; }
    /// <summary>What the period is compared with: previous (default) or year.</summary>
    public string? Compare { get; set; }

    /// <summary>The values that are set, lower-case keys, for links that keep the current view.</summary>
    public Dictionary<string, string?> RouteValues()
    {
        var values = new Dictionary<string, string?>
        {
            ["period"] = Period,
            ["from"] = From,
            ["to"] = To,
            ["team"] = Team,
            ["agent"] = Agent,
            ["channel"] = Channel,
            ["category"] = Category,
            ["bucket"] = Bucket,
            ["kpi"] = Kpi,
            ["compare"] = Compare,
        };
        return values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToDictionary();
    }

    /// <summary>
    /// The period and filters asked for, in the organisation's time zone; an unusable value, or a view beyond the
    /// report bounds, falls back and says why; a channel must be one of <paramref name="channels"/>.
    /// </summary>
    public ResolvedQuery Resolve(TimeZoneInfo timeZone, DateTimeOffset now, ReportBounds bounds,
        ChannelList channels)
    {
        var today = NamedPeriods.Today(now, timeZone);
        var errors = new List<QueryProblem>();
        var (from, to) = Dates(Period ?? DefaultPeriod, today, errors);
        if (bounds.Check(Local(from), Local(to)) is { } tooBig)
        {
            errors.Add(new(tooBig.Format, tooBig.Arguments));
            errors.Add(new("Showing the last 28 days instead."));
            (from, to) = Dates(DefaultPeriod, today, errors);
        }
        var comparison = Comparison.Previous;
        if (Blank(Compare) is { } compareText && !Comparisons.TryParse(compareText, out comparison))
            errors.Add(new("Unknown comparison \"{0}\": comparing with the previous period.", compareText));
        var period = ReportPeriod.Dates(from, to, timeZone) with { Comparison = comparison };

        Channel? channel = null;
        if (Blank(Channel) is { } channelText)
        {
            if (channels.Find(channelText) is { } listed)
                channel = listed;
            else
                errors.Add(new("Unknown channel \"{0}\": showing every channel.", channelText));
        }
        var filters = new KpiFilters(Blank(Team), Blank(Agent), channel, Blank(Category));

        var days = to.DayNumber - from.DayNumber;
        var byLength = days <= 31 ? TimeBucket.Day : days <= 92 ? TimeBucket.Week : TimeBucket.Month;
        var bucket = Bucket?.ToLowerInvariant() switch
        {
            "day" => TimeBucket.Day,
            "week" => TimeBucket.Week,
            "month" => TimeBucket.Month,
            _ => byLength,
        };
        // The default buckets always fit (ReportBounds.AllowsDefaultViews); a chosen one may give too many.
        if (bounds.Check(period.From, period.To, bucket) is { } tooMany)
        {
            errors.Add(new(tooMany.Format, tooMany.Arguments));
            bucket = byLength;
        }
        var trendKpi = Kpi is { } key && KpiRegistry.TryGet(key, out var kpi) ? kpi : KpiRegistry.Get(KpiRegistry.Csat);
        return new ResolvedQuery(period, filters, bucket, trendKpi, errors);
    }

    private (DateOnly From, DateOnly To) Dates(string period, DateOnly today, List<QueryProblem> errors)
    {
        if (NamedPeriods.Dates(period, today) is { } named)
            return named;
        var fallback = NamedPeriods.Dates(DefaultPeriod, today)!.Value;
        switch (period)
        {
            case "custom" when ParseDate(From) is { } from && ParseDate(To) is { } last && last >= from:
                // The day after the last; the calendar's last day has none, and is out of bounds anyway.
                return (from, last < DateOnly.MaxValue ? last.AddDays(1) : last);
            case "custom":
                errors.Add(new("Custom dates need a first and a last day (yyyy-MM-dd), " +
                    "the last on or after the first: showing the last 28 days."));
                return fallback;
            default:
                errors.Add(new("Unknown period \"{0}\": showing the last 28 days.", period));
                return fallback;
        }
    }

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
            out var date) ? date : null;

    private static DateTime Local(DateOnly date) => date.ToDateTime(TimeOnly.MinValue);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>
/// A part of the query that could not be used: a text with {0} placeholders (the translation key) and its values.
/// </summary>
public sealed record QueryProblem(string Format, params object[] Arguments)
{
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, Format, Arguments);
}

/// <summary>
/// A dashboard query made usable: the period, the filters, the trend's buckets and KPI, and what could not be used.
/// </summary>
public sealed record ResolvedQuery(
    ReportPeriod Period, KpiFilters Filters, TimeBucket Bucket, Kpi TrendKpi, IReadOnlyList<QueryProblem> Errors)
{
    /// <summary>The period for people: "1 Nov 2026 – 23 Nov 2026" (the end shown inclusive).</summary>
    public string PeriodLabel => Label(Period);

    /// <summary>The period the numbers are compared with, labelled the same way.</summary>
    public string ComparisonLabel => Label(Period.Compared);

    private static string Label(ReportPeriod period) =>
        string.Create(CultureInfo.CurrentCulture, $"{period.From:d MMM yyyy} – {period.To.AddDays(-1):d MMM yyyy}");

    public Grouping TrendGrouping => Bucket switch
    {
        TimeBucket.Day => Grouping.Day,
        TimeBucket.Week => Grouping.Week,
        TimeBucket.Month => Grouping.Month,
    };
}
