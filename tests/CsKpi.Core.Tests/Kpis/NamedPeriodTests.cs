using System.Globalization;
using CsKpi.Core.Kpis;

namespace CsKpi.Core.Tests.Kpis;

/// <summary>
/// Period arithmetic, every date computed by hand: rolling periods are complete days ending yesterday, calendar ones
/// follow the local calendar (ISO weeks), "today" is the organisation's, comparisons and partial buckets.
/// </summary>
public class NamedPeriodTests
{
    private static readonly TimeZoneInfo UtcZone = TimeZoneInfo.Utc;

    [Theory]
    // Wednesday 2 December 2026.
    [InlineData("2026-12-02", "last-7-days", "2026-11-25", "2026-12-02")]
    [InlineData("2026-12-02", "last-28-days", "2026-11-04", "2026-12-02")]
    [InlineData("2026-12-02", "last-90-days", "2026-09-03", "2026-12-02")]
    [InlineData("2026-12-02", "this-week", "2026-11-30", "2026-12-03")]
    [InlineData("2026-12-02", "last-week", "2026-11-23", "2026-11-30")]
    [InlineData("2026-12-02", "this-month", "2026-12-01", "2026-12-03")]
    [InlineData("2026-12-02", "last-month", "2026-11-01", "2026-12-01")]
    [InlineData("2026-12-02", "this-quarter", "2026-10-01", "2026-12-03")]
    [InlineData("2026-12-02", "last-quarter", "2026-07-01", "2026-10-01")]
    [InlineData("2026-12-02", "this-year", "2026-01-01", "2026-12-03")]
    [InlineData("2026-12-02", "last-year", "2025-01-01", "2026-01-01")]
    // Thursday 1 January 2026: ISO week 1 began on Monday 29 December 2025.
    [InlineData("2026-01-01", "last-7-days", "2025-12-25", "2026-01-01")]
    [InlineData("2026-01-01", "last-28-days", "2025-12-04", "2026-01-01")]
    [InlineData("2026-01-01", "this-week", "2025-12-29", "2026-01-02")]
    [InlineData("2026-01-01", "last-week", "2025-12-22", "2025-12-29")]
    [InlineData("2026-01-01", "this-month", "2026-01-01", "2026-01-02")]
    [InlineData("2026-01-01", "last-month", "2025-12-01", "2026-01-01")]
    [InlineData("2026-01-01", "last-quarter", "2025-10-01", "2026-01-01")]
    [InlineData("2026-01-01", "this-year", "2026-01-01", "2026-01-02")]
    [InlineData("2026-01-01", "last-year", "2025-01-01", "2026-01-01")]
    // Monday 1 March 2027 (after a 28-day February): this week is today alone.
    [InlineData("2027-03-01", "last-28-days", "2027-02-01", "2027-03-01")]
    [InlineData("2027-03-01", "this-week", "2027-03-01", "2027-03-02")]
    [InlineData("2027-03-01", "last-week", "2027-02-22", "2027-03-01")]
    public void A_named_period_has_the_dates_worked_out_by_hand(string today, string code, string from, string to)
    {
        NamedPeriods.Dates(code, Day(today)).Should().Be((Day(from), Day(to)));
    }

    [Fact]
    public void Rolling_periods_are_whole_days_ending_yesterday()
    {
        foreach (var (code, days) in new[] { ("last-7-days", 7), ("last-28-days", 28), ("last-90-days", 90) })
        {
            var (from, to) = NamedPeriods.Dates(code, Day("2026-03-29"))!.Value;
            (to.DayNumber - from.DayNumber).Should().Be(days, code);
            ReportPeriod.Dates(from, to, UtcZone).LastDate.Should().Be(Day("2026-03-28"), code);
        }
    }

    [Fact]
    public void The_default_period_is_the_last_28_days_and_an_unknown_code_names_none()
    {
        NamedPeriods.Default.Should().Be("last-28-days");
        NamedPeriods.Codes.Should().Contain(NamedPeriods.Default);
        NamedPeriods.Dates("fortnight", Day("2026-12-02")).Should().BeNull();
    }

    [Theory]
    // 20:00 UTC on 1 December is already 2 December in Kolkata (+05:30) and Tokyo (+09:00), not yet in Honolulu
    // (−10:00); none of the three has daylight saving time.
    [InlineData("Asia/Kolkata", "2026-12-02", "2026-11-03T18:30:00Z", "2026-12-01T18:30:00Z")]
    [InlineData("Asia/Tokyo", "2026-12-02", "2026-11-03T15:00:00Z", "2026-12-01T15:00:00Z")]
    [InlineData("Pacific/Honolulu", "2026-12-01", "2026-11-03T10:00:00Z", "2026-12-01T10:00:00Z")]
    [InlineData("UTC", "2026-12-01", "2026-11-03T00:00:00Z", "2026-12-01T00:00:00Z")]
    public void Today_and_the_utc_bounds_follow_the_organisations_zone(string zoneId, string today, string fromUtc,
        string toUtc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var now = DateTimeOffset.Parse("2026-12-01T20:00:00Z", CultureInfo.InvariantCulture);

        NamedPeriods.Today(now, zone).Should().Be(Day(today));
        var (from, to) = NamedPeriods.Dates("last-28-days", NamedPeriods.Today(now, zone))!.Value;
        var period = ReportPeriod.Dates(from, to, zone);
        period.FromUtc.Should().Be(Utc(fromUtc));
        period.ToUtc().Should().Be(Utc(toUtc));
    }

    [Fact]
    public void The_year_turns_first_in_the_zones_furthest_ahead()
    {
        // 10:00 UTC on 31 December 2026 is midnight of 1 January 2027 at Kiritimati (+14:00, no daylight saving).
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Kiritimati");
        var today = NamedPeriods.Today(DateTimeOffset.Parse("2026-12-31T10:00:00Z", CultureInfo.InvariantCulture),
            zone);

        today.Should().Be(Day("2027-01-01"));
        NamedPeriods.Dates("last-year", today).Should().Be((Day("2026-01-01"), Day("2027-01-01")));
        NamedPeriods.Dates("last-7-days", today).Should().Be((Day("2026-12-25"), Day("2027-01-01")));
        ReportPeriod.Dates(Day("2026-01-01"), Day("2027-01-01"), zone).FromUtc
            .Should().Be(Utc("2025-12-31T10:00:00Z"));
    }

    [Fact]
    public void The_comparison_is_the_previous_period_or_the_same_dates_a_year_earlier()
    {
        var period = ReportPeriod.Dates(Day("2026-11-04"), Day("2026-12-02"), UtcZone);

        period.Compared.Should().Be(ReportPeriod.Dates(Day("2026-10-07"), Day("2026-11-04"), UtcZone));
        (period with { Comparison = Comparison.YearEarlier }).Compared
            .Should().Be(ReportPeriod.Dates(Day("2025-11-04"), Day("2025-12-02"), UtcZone));
        // Across a year boundary, and from a leap day (29 February 2028 becomes the 28th).
        var january = ReportPeriod.Dates(Day("2026-12-25"), Day("2027-01-08"), UtcZone) with
        {
            Comparison = Comparison.YearEarlier,
        };
        january.Compared.Should().Be(ReportPeriod.Dates(Day("2025-12-25"), Day("2026-01-08"), UtcZone));
        january.Previous.Should().Be(ReportPeriod.Dates(Day("2026-12-11"), Day("2026-12-25"), UtcZone));
        var leap = ReportPeriod.Dates(Day("2028-02-29"), Day("2028-03-07"), UtcZone) with
        {
            Comparison = Comparison.YearEarlier,
        };
        leap.Compared.Should().Be(ReportPeriod.Dates(Day("2027-02-28"), Day("2027-03-07"), UtcZone));
    }

    [Fact]
    public void Comparison_codes_read_back_and_an_unknown_one_is_refused()
    {
        foreach (var comparison in Enum.GetValues<Comparison>())
            Comparisons.TryParse(comparison.Code(), out var parsed).Should().BeTrue();
        Comparisons.TryParse("YEAR", out var year).Should().BeTrue();
        year.Should().Be(Comparison.YearEarlier);
        Comparisons.TryParse("decade", out _).Should().BeFalse();
    }

    [Fact]
    public void The_buckets_a_period_cuts_are_partial()
    {
        // Wednesday 4 November … Tuesday 1 December 2026.
        var period = ReportPeriod.Dates(Day("2026-11-04"), Day("2026-12-02"), UtcZone);

        period.BucketStarts(TimeBucket.Week).Select(s => period.IsPartial(s, TimeBucket.Week))
            .Should().Equal(true, false, false, false, true); // weeks of 2, 9, 16, 23 and 30 November
        period.BucketStarts(TimeBucket.Month).Select(s => period.IsPartial(s, TimeBucket.Month))
            .Should().Equal(true, true);
        period.BucketStarts(TimeBucket.Day).Should().HaveCount(28)
            .And.OnlyContain(s => !period.IsPartial(s, TimeBucket.Day));
        var weeks = ReportPeriod.Dates(Day("2026-11-02"), Day("2026-11-30"), UtcZone);
        weeks.BucketStarts(TimeBucket.Week).Should().OnlyContain(s => !weeks.IsPartial(s, TimeBucket.Week));
    }

    private static DateOnly Day(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    private static DateTime Utc(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture,
        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
