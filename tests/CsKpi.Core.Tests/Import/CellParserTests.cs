using System.Globalization;
using CsKpi.Core.Import;

namespace CsKpi.Core.Tests.Import;

public class CellParserTests
{
    [Theory]
    [InlineData("2026-03-01T09:15:00+01:00")]
    [InlineData("2026-03-01T09:15:00-05:30")]
    [InlineData("2026-03-01T09:15:00Z")]
    [InlineData("2026-03-01T09:15:00z")]
    [InlineData("2026-03-01 09:15:00Z")]
    [InlineData("2026-03-01T09:15:00.5Z")]
    [InlineData("2026-03-01T09:15:00.1234567+14:00")]
    [InlineData("2026-03-01T09:15:00+0100")]
    [InlineData("2026-03-01T09:15+01:00")]
    [InlineData("2024-02-29T23:59:59-14:00")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    public void Timestamps_with_an_offset_read_as_the_general_parser_reads_them(string cell)
    {
        var parsed = new CellParser(TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw"), ',')
            .Parse(ColumnType.Timestamp, cell, out var error);

        error.Should().BeNull();
        parsed.Should().Be(DateTimeOffset.Parse(cell, CultureInfo.InvariantCulture).UtcDateTime);
        ((DateTime)parsed!).Kind.Should().Be(DateTimeKind.Utc);
    }

    [Theory]
    [InlineData("2026-07-01T09:00:00", "2026-07-01T07:00:00Z")]
    [InlineData("2026-01-15 09:00:00.25", "2026-01-15T08:00:00.25Z")]
    [InlineData("2026-07-01 09:00", "2026-07-01T07:00:00Z")]
    [InlineData("2026-03-29T02:30:00", "2026-03-29T01:00:00Z")] // in the spring-forward gap: moved to 03:00 local
    [InlineData("2026-10-25T02:30:00", "2026-10-25T01:30:00Z")] // ambiguous: standard time
    public void Timestamps_without_an_offset_are_local_to_the_organisation(string cell, string utc)
    {
        var parsed = new CellParser(TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw"), ',')
            .Parse(ColumnType.Timestamp, cell, out var error);

        error.Should().BeNull();
        parsed.Should().Be(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture).UtcDateTime);
    }

    [Theory]
    [InlineData("2026-02-30T09:15:00Z")]
    [InlineData("2026-03-01T24:00:00Z")]
    [InlineData("2026-03-01T09:15:00+15:00")]
    [InlineData("2026-03-01T09:15:00.Z")]
    [InlineData("2026-03-01X09:15:00Z")]
    [InlineData("yesterday")]
    public void Malformed_timestamps_are_errors(string cell)
    {
        new CellParser(TimeZoneInfo.Utc, ',').Parse(ColumnType.Timestamp, cell, out var error).Should().BeNull();
        error.Should().StartWith("not a timestamp");
    }

    [Theory]
    [InlineData("chat", "chat")]
    [InlineData(" In-Person ", "in_person")]
    [InlineData("EMAIL", "email")]
    public void Channels_are_read_as_written_or_normalised(string cell, string code) =>
        new CellParser(TimeZoneInfo.Utc, ',').Parse(ColumnType.Channel, cell, out _).Should().Be(code);

    [Theory]
    [InlineData("4", ',', 4)]
    [InlineData("4.0", ',', 4)]
    [InlineData("4,0", ',', 4)]
    [InlineData("4,0", ';', 4)]
    [InlineData("4.00", ';', 4)]
    [InlineData(" 10.0 ", ',', 10)]
    public void A_score_written_as_a_decimal_reads_as_that_whole_number_on_any_delimiter(string cell, char delimiter,
        int score)
    {
        new CellParser(TimeZoneInfo.Utc, delimiter).Parse(ColumnType.WholeNumber, cell, out var error)
            .Should().Be(score);
        error.Should().BeNull();
    }

    [Theory]
    [InlineData("4.5", ',')]
    [InlineData("4,5", ';')]
    [InlineData("four", ',')]
    public void A_score_with_a_fraction_is_an_error(string cell, char delimiter)
    {
        new CellParser(TimeZoneInfo.Utc, delimiter).Parse(ColumnType.WholeNumber, cell, out var error)
            .Should().BeNull();
        error.Should().Be("not a whole number");
    }

    [Theory]
    [InlineData("00:05:12", 312)]
    [InlineData("1:00:00", 3600)]
    [InlineData("312", 312)]
    public void A_talk_time_reads_in_seconds_or_as_a_clock(string cell, int seconds) =>
        new CellParser(TimeZoneInfo.Utc, ',').Parse(ColumnType.Seconds, cell, out _).Should().Be(seconds);
}
