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
    public const string DefaultPeriod = "this-month";

    public static readonly IReadOnlyList<(string Code, string Label)> Periods =
    [
        ("this-week", "This week"), ("last-week", "Last week"),
        ("this-month", "This month"), ("last-month", "Last month"),
        ("this-quarter", "This quarter"), ("last-quarter", "Last quarter"), ("custom", "Custom dates"),
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
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, timeZone).DateTime);
        var errors = new List<QueryProblem>();
        var (from, to) = Dates(Period ?? DefaultPeriod, today, errors);
        if (bounds.Check(Local(from), Local(to)) is { } tooBig)
        {
            errors.Add(new(tooBig.Format, tooBig.Arguments));
            errors.Add(new("Showing this month instead."));
            (from, to) = Dates(DefaultPeriod, today, errors);
        }
        var period = ReportPeriod.Dates(from, to, timeZone);

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
        var tomorrow = today.AddDays(1);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var month = new DateOnly(today.Year, today.Month, 1);
        var quarter = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        switch (period)
        {
            case "this-week": return (monday, tomorrow);
            case "last-week": return (monday.AddDays(-7), monday);
            case "this-month": return (month, tomorrow);
            case "last-month": return (month.AddMonths(-1), month);
            case "this-quarter": return (quarter, tomorrow);
            case "last-quarter": return (quarter.AddMonths(-3), quarter);
            case "custom" when ParseDate(From) is { } from && ParseDate(To) is { } last && last >= from:
                // The day after the last; the calendar's last day has none, and is out of bounds anyway.
                return (from, last < DateOnly.MaxValue ? last.AddDays(1) : last);
            case "custom":
                errors.Add(new("Custom dates need a first and a last day (yyyy-MM-dd), " +
                    "the last on or after the first: showing this month."));
                return (month, tomorrow);
            default:
                errors.Add(new("Unknown period \"{0}\": showing this month.", period));
                return (month, tomorrow);
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
    public string PeriodLabel =>
        string.Create(CultureInfo.CurrentCulture, $"{Period.From:d MMM yyyy} – {Period.To.AddDays(-1):d MMM yyyy}");

    public Grouping TrendGrouping => Bucket switch
    {
        TimeBucket.Day => Grouping.Day,
        TimeBucket.Week => Grouping.Week,
        TimeBucket.Month => Grouping.Month,
    };
}
