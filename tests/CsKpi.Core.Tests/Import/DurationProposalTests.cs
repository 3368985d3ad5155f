using System.Globalization;
using System.Text;
using CsKpi.Core.Import;

namespace CsKpi.Core.Tests.Import;

/// <summary>
/// A column whose header names a first response or resolution time with a unit, and whose values are numbers or
/// hh:mm:ss, is proposed as that time with its unit, never as a timestamp; a number whose header names no unit is
/// proposed without one, for the admin to say.
/// </summary>
public class DurationProposalTests
{
    [Theory]
    [InlineData("first_response_minutes", "261.3", "first_response_at", DurationUnit.Minutes)]
    [InlineData("First reply time (hrs)", "1.5", "first_response_at", DurationUnit.Hours)]
    [InlineData("First reply time in minutes", "42", "first_response_at", DurationUnit.Minutes)] // Zendesk
    [InlineData("FirstReplyMinutes", "42", "first_response_at", DurationUnit.Minutes)]
    [InlineData("time to first response (seconds)", "930", "first_response_at", DurationUnit.Seconds)]
    [InlineData("frt_min", "12.5", "first_response_at", DurationUnit.Minutes)]
    [InlineData("Time to first reply (s)", "930", "first_response_at", DurationUnit.Seconds)]
    [InlineData("First response time (in hrs)", "00:27:27", "first_response_at", DurationUnit.Clock)] // Freshdesk
    [InlineData("First response (hh:mm)", "04:30", "first_response_at", DurationUnit.Clock)]
    [InlineData("resolution_hours", "26.25", "resolved_at", DurationUnit.Hours)]
    [InlineData("Full resolution time in minutes", "1486", "resolved_at", DurationUnit.Minutes)] // Zendesk
    [InlineData("Resolution time (in hrs)", "05:47:27", "resolved_at", DurationUnit.Clock)] // Freshdesk
    [InlineData("Resolution time (minutes)", "61.2", "resolved_at", DurationUnit.Minutes)] // Chatwoot
    public void A_duration_header_is_proposed_as_its_time_with_the_unit_it_names(string header, string value,
        string column, DurationUnit unit)
    {
        var proposal = Propose(header, value, value);

        proposal.Source(column).Should().Be(new ColumnSource { Header = header, Unit = unit });
    }

    [Theory]
    [InlineData("First response time", "261.3")]
    [InlineData("Resolution time", "26")]
    public void A_number_whose_header_names_no_unit_is_proposed_for_the_admin_to_say_its_unit(string header,
        string value)
    {
        var sample = Sample(header, value, value);
        var proposal = ColumnMatcher.ProposeKind(ImportKind.Tickets, sample.Headers, sample.Rows);
        var column = header.StartsWith("First", StringComparison.Ordinal) ? "first_response_at" : "resolved_at";

        proposal.Source(column).Should().Be(new ColumnSource { Header = header });
        var check = MappingCheck.Run(sample, new ImportMapping { Kinds = [proposal] }, TimeZoneInfo.Utc);
        check.Units.Should().Equal(new UnchosenUnit(0, column, header));
        check.Dates.Fits.Should().Contain(DateForm.Iso, "a duration column is not read for the date form");
    }

    [Theory]
    [InlineData("minutes", "261.3")]
    [InlineData("Handle time (minutes)", "12")]
    [InlineData("Replies", "2")]
    [InlineData("Full resolution time in minutes within business hours", "1486")] // business time is not calendar
    [InlineData("First response diff in min", "102")] // an SLA's margin
    public void A_number_not_naming_a_first_response_or_resolution_in_calendar_time_is_not_proposed(string header,
        string value)
    {
        var proposal = Propose(header, value, value);

        proposal.Source("first_response_at").Should().BeNull();
        proposal.Source("resolved_at").Should().BeNull();
    }

    private static readonly ColumnSource Resolution =
        new() { Header = "Full resolution time in minutes", Unit = DurationUnit.Minutes };

    [Fact]
    public void A_timestamp_of_the_same_time_wins_over_its_duration_and_a_survey_is_answered_at_a_timestamp()
    {
        var sample = ColumnMatcher.Preview(new MemoryStream(Encoding.UTF8.GetBytes("""
            Id,Created at,Via,First reply time in minutes,Solved at,Full resolution time in minutes,Satisfaction
            1,2024-03-04 09:00:00,Email,42,2024-03-05 09:46:00,1486,5
            2,2024-03-04 10:00:00,Email,15,,,
            """)), 10);

        var tickets = ColumnMatcher.ProposeKind(ImportKind.Tickets, sample.Headers, sample.Rows);
        var durationsOnly = tickets with
        {
            Columns = tickets.Columns.Where(c => c.Key != "resolved_at")
                .Append(new("resolved_at", Resolution))
                .ToDictionary(),
        };
        var surveys = ColumnMatcher.ProposeAlongside(ImportKind.Surveys, sample.Headers, durationsOnly, sample.Rows);

        tickets.Source("first_response_at").Should()
            .Be(new ColumnSource { Header = "First reply time in minutes", Unit = DurationUnit.Minutes });
        tickets.Source("resolved_at").Should().Be(new ColumnSource { Header = "Solved at" });
        surveys.Source("submitted_at").Should().Be(new ColumnSource { Header = "Created at" },
            "a resolution given as a duration is not a time of its own");
    }

    [Fact]
    public void Without_rows_the_header_alone_names_the_unit()
    {
        var proposal = ColumnMatcher.ProposeKind(ImportKind.Tickets,
            ["Ticket ID", "Created at", "Channel", "First reply time in minutes", "resolution_hours"]);

        proposal.Source("first_response_at")!.Unit.Should().Be(DurationUnit.Minutes);
        proposal.Source("resolved_at")!.Unit.Should().Be(DurationUnit.Hours);
    }

    private static MappedKind Propose(string header, params string[] values)
    {
        var sample = Sample(header, values);
        return ColumnMatcher.ProposeKind(ImportKind.Tickets, sample.Headers, sample.Rows);
    }

    /// <summary>A ticket export with ids, creation times, channels, and the column under test.</summary>
    private static FilePreview Sample(string header, params string[] values)
    {
        var csv = new StringBuilder($"Ticket ID,Created at,Channel,\"{header}\"\n");
        foreach (var (value, i) in values.Select((v, i) => (v, i)))
            csv.Append(CultureInfo.InvariantCulture, $"T{i},2024-03-04 09:{i:00}:00,email,\"{value}\"\n");
        return ColumnMatcher.Preview(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), 10);
    }
}
