using System.Globalization;

namespace CsKpi.Core.Kpis;

/// <summary>
/// Why a period or its buckets cannot be reported: a text with {0} placeholders (the translation key on the pages)
/// and its values.
/// </summary>
public sealed record ReportBoundsProblem(string Format, params object[] Arguments)
{
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, Format, Arguments);
}

/// <summary>
/// Settings under "Reports": how big a report may be, so one request cannot ask for millions of rows or dates no
/// calendar arithmetic survives. The one check that pages, the JSON API and the command line all use.
/// </summary>
public sealed class ReportBounds
{
    /// <summary>Periods lie within [Earliest, Latest): their previous period and year earlier stay valid.</summary>
    public static readonly DateTime Earliest = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    public static readonly DateTime Latest = new(2200, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>The longest period, in days (about ten years).</summary>
    public int MaxPeriodDays { get; set; } = 3660;
    /// <summary>The most day buckets in a trend or grouping.</summary>
    public int MaxDayBuckets { get; set; } = 400;
    /// <summary>The most week buckets (five years).</summary>
    public int MaxWeekBuckets { get; set; } = 260;

    /// <summary>
    /// The settings cannot refuse the dashboard's own defaults: a month by day, a quarter by week, a year.
    /// </summary>
    public bool AllowsDefaultViews() => MaxPeriodDays >= 366 && MaxDayBuckets >= 32 && MaxWeekBuckets >= 15;

    /// <summary>Why the period [from, to) cannot be reported, or null when it can.</summary>
    public ReportBoundsProblem? Check(DateTime from, DateTime to)
    {
        if (from < Earliest || to > Latest)
            return new("Dates must lie between {0} and {1}.",
                ReportPeriod.Format(Earliest), ReportPeriod.Format(Latest));
        if (to <= from)
            return new("The period must end after it starts.");
        var days = (to - from).TotalDays;
        return days <= MaxPeriodDays ? null
            : new("A period may be at most {0} days long; this one has {1}.", MaxPeriodDays, (int)Math.Ceiling(days));
    }

    /// <summary>Why [from, to) by <paramref name="bucket"/> cannot be reported, or null when it can.</summary>
    public ReportBoundsProblem? Check(DateTime from, DateTime to, TimeBucket? bucket)
    {
        if (Check(from, to) is { } problem)
            return problem;
        var buckets = bucket is { } b ? BucketCount(from, to, b) : 0;
        return bucket switch
        {
            TimeBucket.Day when buckets > MaxDayBuckets =>
                new("At most {0} day buckets fit in a report; this period has {1}: group by week or month.",
                    MaxDayBuckets, buckets),
            TimeBucket.Week when buckets > MaxWeekBuckets =>
                new("At most {0} week buckets fit in a report; this period has {1}: group by month.",
                    MaxWeekBuckets, buckets),
            _ => null,
        };
    }

    public ReportBoundsProblem? Check(ReportPeriod period, Grouping? grouping) =>
        Check(period.From, period.To, grouping?.AsTimeBucket());

    /// <summary>
    /// How many buckets <see cref="ReportPeriod.BucketStarts"/> gives, counted without listing them. Months are left
    /// to the period's length.
    /// </summary>
    public static int BucketCount(DateTime from, DateTime to, TimeBucket bucket)
    {
        var days = (to - ReportPeriod.Truncate(from, bucket)).TotalDays;
        return bucket switch
        {
            TimeBucket.Day => (int)Math.Ceiling(days),
            TimeBucket.Week => (int)Math.Ceiling(days / 7),
            TimeBucket.Month => ((to.Year - from.Year) * 12) + to.Month - from.Month
                + (to.Day > 1 || to.TimeOfDay > TimeSpan.Zero ? 1 : 0), // a month begun counts
        };
    }
}
