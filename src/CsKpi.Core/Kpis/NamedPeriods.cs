namespace CsKpi.Core.Kpis;

/// <summary>
/// The periods people pick by name, as local dates [From, To) around today in the organisation's time zone. Rolling
/// periods ("last 28 days") are complete days ending yesterday, so they never hold a half-measured today; calendar
/// periods: "this" ones run up to today included, "last" ones are the whole calendar unit before; weeks are ISO
/// (Monday first).
/// </summary>
public static class NamedPeriods
{
    /// <summary>What a page shows when no period is asked for: four whole weeks, every weekday four times.</summary>
    public const string Default = "last-28-days";

    public static readonly IReadOnlyList<string> Codes =
    [
        "last-7-days", "last-28-days", "last-90-days",
        "this-week", "last-week", "this-month", "last-month",
        "this-quarter", "last-quarter", "this-year", "last-year",
    ];

    /// <summary>Today's local date in the zone at the instant <paramref name="now"/>.</summary>
    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, timeZone).DateTime);

    /// <summary>The dates [From, To) of a named period, or null for a code that names none.</summary>
    public static (DateOnly From, DateOnly To)? Dates(string code, DateOnly today)
    {
        var tomorrow = today.AddDays(1);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var month = new DateOnly(today.Year, today.Month, 1);
        var quarter = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        var year = new DateOnly(today.Year, 1, 1);
        return code switch
        {
            "last-7-days" => (today.AddDays(-7), today),
            "last-28-days" => (today.AddDays(-28), today),
            "last-90-days" => (today.AddDays(-90), today),
            "this-week" => (monday, tomorrow),
            "last-week" => (monday.AddDays(-7), monday),
            "this-month" => (month, tomorrow),
            "last-month" => (month.AddMonths(-1), month),
            "this-quarter" => (quarter, tomorrow),
            "last-quarter" => (quarter.AddMonths(-3), quarter),
            "this-year" => (year, tomorrow),
            "last-year" => (year.AddYears(-1), year),
            _ => null,
        };
    }
}
