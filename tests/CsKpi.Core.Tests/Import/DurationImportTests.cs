using System.Text;
using CsKpi.Core.Import;
using CsKpi.Core.Kpis;
using CsKpi.Core.Tests.Kpis;
using CsKpi.Tests.Infrastructure;
using static CsKpi.Core.Tests.Import.Importing;

namespace CsKpi.Core.Tests.Import;

/// <summary>
/// A first response or resolution time given as a duration after created_at (csv-formats.md "Exports from other
/// tools"): seconds, minutes or hours, whole or decimal ('.', or ',' in a ';' file), or hh:mm[:ss]; exact to the
/// microsecond. Expected times are computed by hand from 2026-03-02 09:00:00 UTC.
/// </summary>
public class DurationImportTests
{
    private static ImportMapping Mapping(DurationUnit? reply, DurationUnit? closed = null) => new()
    {
        Kinds =
        [
            new MappedKind(ImportKind.Tickets, new Dictionary<string, ColumnSource>
            {
                ["ticket_id"] = new() { Header = "Ticket" },
                ["created_at"] = new() { Header = "Opened" },
                ["channel"] = new() { Header = "Via" },
                ["first_response_at"] = new() { Header = "Reply", Unit = reply },
                ["resolved_at"] = new() { Header = "Done", Unit = closed },
            }),
        ],
    };

    [Theory]
    [InlineData(DurationUnit.Minutes, ',', "261.3", "2026-03-02 13:21:18.000000")] // 261.3 × 60 = 15,678 s
    [InlineData(DurationUnit.Minutes, ';', "261,3", "2026-03-02 13:21:18.000000")]
    [InlineData(DurationUnit.Minutes, ',', "0.0000001", "2026-03-02 09:00:00.000006")] // 6 µs
    [InlineData(DurationUnit.Seconds, ',', "15678.25", "2026-03-02 13:21:18.250000")]
    [InlineData(DurationUnit.Seconds, ';', "0,000001", "2026-03-02 09:00:00.000001")]
    [InlineData(DurationUnit.Hours, ',', "1.5", "2026-03-02 10:30:00.000000")]
    [InlineData(DurationUnit.Hours, ';', "2,25", "2026-03-02 11:15:00.000000")]
    [InlineData(DurationUnit.Hours, ',', "0.1", "2026-03-02 09:06:00.000000")] // 0.1 h = 360 s, no float drift
    [InlineData(DurationUnit.Hours, ',', "48", "2026-03-04 09:00:00.000000")]
    [InlineData(DurationUnit.Clock, ',', "04:21:18", "2026-03-02 13:21:18.000000")]
    [InlineData(DurationUnit.Clock, ';', "04:21:18,5", "2026-03-02 13:21:18.500000")]
    [InlineData(DurationUnit.Clock, ',', "36:05", "2026-03-03 21:05:00.000000")] // hh:mm, past a day
    [InlineData(DurationUnit.Seconds, ',', "0", "2026-03-02 09:00:00.000000")]
    public async Task A_duration_gives_created_at_plus_that_time_exactly(DurationUnit unit, char delimiter,
        string reply, string expected)
    {
        await using var database = await TestDatabase.CreateAsync();
        var d = delimiter;
        var csv = $"Ticket{d}Opened{d}Via{d}Reply{d}Done\nT1{d}2026-03-02T09:00:00Z{d}email{d}{reply}{d}\n";

        var summary = await ImportMappedAsync(database, Mapping(unit), csv);

        summary.Outcome.Should().Be(ImportOutcome.Imported, string.Join("\n", summary.Errors));
        (await ScalarAsync<string>(database, "SELECT to_char(first_response_at AT TIME ZONE 'UTC', "
            + "'YYYY-MM-DD HH24:MI:SS.US') || '|' || coalesce(resolved_at::text, 'none') FROM tickets"))
            .Should().Be(expected + "|none", "an empty duration is no time");
    }

    [Theory]
    [InlineData(DurationUnit.Minutes, "-5", "a negative duration: it would come before created_at")]
    [InlineData(DurationUnit.Clock, "-00:05", "a negative duration: it would come before created_at")]
    [InlineData(DurationUnit.Minutes, "soon", "not a number of minutes")]
    [InlineData(DurationUnit.Hours, "1,5", "not a number of hours")] // ',' is no decimal separator in a ',' file
    [InlineData(DurationUnit.Clock, "90", "not a duration hh:mm or hh:mm:ss")]
    [InlineData(DurationUnit.Hours, "900000", "a duration over a century: check the column and its unit")]
    public async Task A_negative_or_unreadable_duration_is_a_row_error_with_line_and_column(DurationUnit unit,
        string done, string reason)
    {
        await using var database = await TestDatabase.CreateAsync();
        var fine = unit == DurationUnit.Clock ? "00:05,00:10" : "5,10";
        var csv = $"Ticket,Opened,Via,Reply,Done\nT1,2026-03-02T09:00:00Z,email,{fine}\n"
            + $"T2,2026-03-02T10:00:00Z,chat,,\"{done}\"\n";

        var summary = await ImportMappedAsync(database, Mapping(unit, unit), csv);

        summary.Outcome.Should().Be(ImportOutcome.Rejected);
        summary.Errors.Select(e => e.ToString()).Should().Equal($"line 3, column Done: {reason} ('{done}')");
        (await ScalarAsync<long>(database, "SELECT count(*) FROM tickets")).Should().Be(0);
    }

    [Fact]
    public async Task A_duration_read_as_a_timestamp_says_to_choose_its_unit()
    {
        await using var database = await TestDatabase.CreateAsync();

        var summary = await ImportMappedAsync(database, Mapping(null),
            "Ticket,Opened,Via,Reply,Done\nT1,2026-03-02T09:00:00Z,email,261.3,\n");

        summary.Errors.Select(e => e.ToString()).Should().Equal(
            "line 2, column Reply: a duration, not a timestamp: choose its unit in the mapping ('261.3')");
    }

    [Fact]
    public void A_unit_is_saved_in_the_mapping_json_and_a_mapping_without_one_is_unchanged()
    {
        var json = Mapping(DurationUnit.Minutes, DurationUnit.Clock).ToJson();

        json.Should().Contain("\"header\":\"Reply\",\"unit\":\"minutes\"").And.Contain("\"unit\":\"clock\"");
        ImportMapping.FromJson(json).Kinds[0].Source("resolved_at")!.Unit.Should().Be(DurationUnit.Clock);
        Mapping(null).ToJson().Should().NotContain("unit");
        ImportMapping.FromJson(Mapping(null).ToJson()).Kinds[0].Source("first_response_at")!.Unit.Should().BeNull();
    }

    [Fact]
    public async Task Only_first_response_and_resolution_can_be_durations()
    {
        await using var database = await TestDatabase.CreateAsync();
        var tickets = Mapping(null).Kinds[0];
        var columns = tickets.Columns.ToDictionary();
        columns["created_at"] = new ColumnSource { Header = "Opened", Unit = DurationUnit.Minutes };
        var mapping = new ImportMapping { Kinds = [tickets with { Columns = columns }] };

        var summary = await ImportMappedAsync(database, mapping, "Ticket,Opened,Via,Reply,Done\nT1,5,email,,\n");

        summary.Errors.Select(e => e.ToString()).Should().Equal(
            "line 1, column Opened: only first_response_at and resolved_at can be durations");
    }

    /// <summary>
    /// A Zendesk-like export with its durations in minutes, imported as proposed: the first-response KPIs are those of
    /// the hand-computed seconds 15,678 (261.3 min), 2,520 (42 min) and 30 (0.5 min); resolution 89,160 s (1,486 min)
    /// and 1,500 s (25 min).
    /// </summary>
    [Fact]
    public async Task An_export_with_minutes_imported_as_proposed_gives_the_hand_computed_first_response_kpis()
    {
        await using var database = await TestDatabase.CreateAsync();
        const string csv = """
            Id,Created at,Via,First reply time in minutes,Full resolution time in minutes
            1,2026-03-02 09:00:00,Email,261.3,1486
            2,2026-03-03 10:00:00,Email,42,
            3,2026-03-04 11:30:00,Phone,0.5,25
            4,2026-03-05 12:00:00,Chat,,
            """;
        var sample = ColumnMatcher.Preview(new MemoryStream(Encoding.UTF8.GetBytes(csv)), ColumnMatcher.ProposalRows);
        var proposal = ColumnMatcher.ProposeKind(ImportKind.Tickets, sample.Headers, sample.Rows);
        var mapping = new ImportMapping { Kinds = [proposal] };

        var summary = await ImportMappedAsync(database, mapping, csv);
        var report = await Reports.RunAsync(database, "2026-03-01", "2026-04-01");

        summary.Outcome.Should().Be(ImportOutcome.Imported, string.Join("\n", summary.Errors));
        report.Kpis[KpiRegistry.FirstResponseMean].Value.Should().Be((15678 + 2520 + 30) / 3.0);
        report.Kpis[KpiRegistry.FirstResponseMedian].Should().Be(new KpiValue(2520, 3, null, 0));
        report.Kpis[KpiRegistry.ResolutionMedian].Value.Should().Be((89160 + 1500) / 2.0);
    }

    private static Task<ImportSummary> ImportMappedAsync(TestDatabase database, ImportMapping mapping, string csv) =>
        new CsvImporter(database.ConnectionString).ImportAsync(mapping, new MemoryStream(Encoding.UTF8.GetBytes(csv)),
            "export.csv", "tester", new ImportOptions { Mapping = mapping });
}
