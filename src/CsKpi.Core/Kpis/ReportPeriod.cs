using System.Globalization;

namespace CsKpi.Core.Kpis;

/// <summary>
/// A period [From, To) in the organisation's time zone: local wall-clock bounds (dates are midnight), turned into
/// UTC instants for the query. The previous period has the same length and ends where this one starts; a report
/// compares with it or with the same period a year earlier (<see cref="Comparison"/>).
/// </summary>
public sealed record ReportPeriod
{
    public ReportPeriod(DateTime from, DateTime to, TimeZoneInfo timeZone)
    {
        if (to <= from)
            throw new ArgumentException($"The period must end after it starts ({Format(from)} … {Format(to)}).");
        From = DateTime.SpecifyKind(from, DateTimeKind.Unspecified);
        To = DateTime.SpecifyKind(to, DateTimeKind.Unspecified);
        TimeZone = timeZone;
    }

    public static ReportPeriod Dates(DateOnly from, DateOnly to, TimeZoneInfo timeZone) =>
        new(from.ToDateTime(TimeOnly.MinValue), to.ToDateTime(TimeOnly.MinValue), timeZone);

    /// <summary>Local start (inclusive).</summary>
    public DateTime From { get; }
    /// <summary>Local end (exclusive).</summary>
    public DateTime To { get; }
    public TimeZoneInfo TimeZone { get; }
    /// <summary>What a report compares this period with (its "previous" values).</summary>
    public Comparison Comparison { get; init; }

    public DateTime FromUtc => ToUtc(From);
    public DateTime ToUtc() => ToUtc(To);

    public ReportPeriod Previous => new(From - (To - From), From, TimeZone);

    /// <summary>The same calendar period a year earlier (29 February becomes the 28th).</summary>
    public ReportPeriod YearEarlier => new(From.AddYears(-1), To.AddYears(-1), TimeZone);

    /// <summary>The period a report compares with: <see cref="Previous"/> or <see cref="YearEarlier"/>.</summary>
    public ReportPeriod Compared => Comparison switch
    {
        Comparison.Previous => Previous,
        Comparison.YearEarlier => YearEarlier,
    };

    /// <summary>The last local date the period touches (the day before <see cref="To"/> when it ends at midnight).
    /// </summary>
    public DateOnly LastDate => To.TimeOfDay == TimeSpan.Zero ? ToDate.AddDays(-1) : ToDate;

    /// <summary>Customer KPIs work on dates: the local dates of the bounds.</summary>
    public DateOnly FromDate => DateOnly.FromDateTime(From);
    public DateOnly ToDate => DateOnly.FromDateTime(To);

    public DateTime ToUtc(DateTime local)
    {
        // A bound inside a daylight-saving gap (a clock jump at midnight in some zones) moves to the first valid
        // minute.
        while (TimeZone.IsInvalidTime(local))
            local = local.AddMinutes(30);
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZone);
    }

    /// <summary>
    /// The buckets of a trend, each starting at its calendar start (ISO week: Monday), empty ones included.
    /// </summary>
    public IReadOnlyList<DateTime> BucketStarts(TimeBucket bucket)
    {
        var first = Truncate(From, bucket);
        var starts = new List<DateTime>();
        for (var start = first; start < To; start = Next(start, bucket))
            starts.Add(start);
        return starts;
    }

    /// <summary>
    /// A bucket the period cuts: it starts before the period or ends after it, so it holds fewer days than a full
    /// one (a trend's first and last week or month).
    /// </summary>
    public bool IsPartial(DateTime bucketStart, TimeBucket bucket) =>
        bucketStart < From || Next(bucketStart, bucket) > To;

    public static DateTime Truncate(DateTime local, TimeBucket bucket) => bucket switch
    {
        TimeBucket.Day => local.Date,
        TimeBucket.Week => local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7)),
        TimeBucket.Month => new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified),
    };

    public static DateTime Next(DateTime start, TimeBucket bucket) => bucket switch
    {
        TimeBucket.Day => start.AddDays(1),
        TimeBucket.Week => start.AddDays(7),
        TimeBucket.Month => start.AddMonths(1),
    };

    public static string Format(DateTime local) =>
        local.TimeOfDay == TimeSpan.Zero
            ? local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Parses a local date (yyyy-MM-dd) or a local timestamp (yyyy-MM-ddTHH:mm[:ss]).</summary>
    public static bool TryParseBound(string text, out DateTime local) =>
        DateTime.TryParseExact(text.Trim(),
            ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out local);
}

public enum TimeBucket
{
    Day,
    Week,
    Month,
}

/// <summary>What a report can be grouped by (kpis.md "Breakdowns and trends").</summary>
public enum Grouping
{
    Day,
    Week,
    Month,
    Team,
    Agent,
    Channel,
    Category,
}

public static class Groupings
{
    public static TimeBucket? AsTimeBucket(this Grouping grouping) => grouping switch
    {
        Grouping.Day => TimeBucket.Day,
        Grouping.Week => TimeBucket.Week,
        Grouping.Month => TimeBucket.Month,
        _ => null,
    };

    public static string Code(this Grouping grouping) => grouping.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out Grouping grouping) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out grouping) && Enum.IsDefined(grouping);
}
