using System.Text;
using CsKpi.Core.Import;
using CsKpi.Tests.Infrastructure;
using static CsKpi.Core.Tests.Import.Importing;

namespace CsKpi.Core.Tests.Import;

/// <summary>
/// The same export saved by two spreadsheets: with ',' and scores written 5.0, and with ';' and 5,0 (csv-formats.md:
/// a score written as a decimal reads as that whole number, on any delimiter). One mapping reads both alike.
/// </summary>
public class DecimalCommaExportTests
{
    private const string Comma =
        "Case Number,Opened,Origin,Assigned To,First Reply,Closed,Satisfaction,Remarks\n" +
        "C-1,25/07/2023 09:15,Inbound,Jane Smith,25/07/2023 09:45,26/07/2023 10:00,5.0,\"Called, fine\"\n" +
        "C-2,03/08/2023 14:00,Web Form,Tom Ray,,,,\n" +
        "C-3,04/08/2023 08:00,Outcall,jane smith,04/08/2023 08:05,04/08/2023 09:00,2.0,line two\n";

    private const string Semicolon =
        "Case Number;Opened;Origin;Assigned To;First Reply;Closed;Satisfaction;Remarks\n" +
        "C-1;25/07/2023 09:15;Inbound;Jane Smith;25/07/2023 09:45;26/07/2023 10:00;5,0;Called, fine\n" +
        "C-2;03/08/2023 14:00;Web Form;Tom Ray;;;;\n" +
        "C-3;04/08/2023 08:00;Outcall;jane smith;04/08/2023 08:05;04/08/2023 09:00;2,0;line two\n";

    /// <summary>The mapping an admin makes on the ',' file.</summary>
    private static readonly ImportMapping Mapping = new()
    {
        Kinds =
        [
            new MappedKind(ImportKind.Tickets, new Dictionary<string, ColumnSource>
            {
                ["ticket_id"] = new() { Header = "Case Number" },
                ["created_at"] = new() { Header = "Opened" },
                ["channel"] = new()
                {
                    Header = "Origin",
                    Values = new Dictionary<string, string>
                    {
                        ["Inbound"] = "phone", ["Outcall"] = "phone", ["Web Form"] = "email",
                    },
                },
                ["agent_id"] = new() { Header = "Assigned To" },
                ["first_response_at"] = new() { Header = "First Reply" },
                ["resolved_at"] = new() { Header = "Closed" },
            }),
            new MappedKind(ImportKind.Surveys, new Dictionary<string, ColumnSource>
            {
                ["survey"] = new() { Value = "csat" },
                ["score"] = new() { Header = "Satisfaction" },
                ["submitted_at"] = new() { Header = "Closed" },
                ["ticket_id"] = new() { Header = "Case Number" },
                ["comment"] = new() { Header = "Remarks" },
            }),
        ],
        Dates = DateForm.DayFirst,
        AgentsByName = true,
        CreateAgents = true,
    };

    [Fact]
    public async Task A_mapping_made_on_a_comma_file_imports_the_semicolon_and_decimal_comma_version_alike()
    {
        await using var database = await TestDatabase.CreateAsync();

        var first = await ImportMappedAsync(database, Comma);
        var before = await SnapshotAsync(database);
        var again = await ImportMappedAsync(database, Semicolon);

        first.Outcome.Should().Be(ImportOutcome.Imported, string.Join("\n", first.Errors));
        (await ScalarAsync<string>(database,
                "SELECT string_agg(source_id || '=' || score, ',' ORDER BY source_id) FROM survey_responses"))
            .Should().Be("csat:C-1=5,csat:C-3=2", "a score written 5.0 is 5");
        again.Outcome.Should().Be(ImportOutcome.Imported, string.Join("\n", again.Errors));
        again.Parts.Should().OnlyContain(p => p.Inserted == 0 && p.Updated == 0, "the same export, with ';' and 5,0");
        (await SnapshotAsync(database)).Should().Be(before);
    }

    [Theory]
    [InlineData(Comma)]
    [InlineData(Semicolon)]
    public void Decimal_scores_need_no_translation_in_the_check(string export)
    {
        var sample = ColumnMatcher.Preview(new MemoryStream(Encoding.UTF8.GetBytes(export)), 10);

        var check = MappingCheck.Run(sample, Mapping, TimeZoneInfo.Utc);

        check.Values.Should().NotContain(v => v.Column == "score");
        check.Kinds[1].Rows.SelectMany(r => r.Errors).Should().BeEmpty();
    }

    [Fact]
    public async Task A_score_with_a_fraction_is_a_row_error()
    {
        await using var database = await TestDatabase.CreateAsync();

        var summary = await ImportMappedAsync(database, Semicolon.Replace("2,0", "2,5", StringComparison.Ordinal));

        summary.Outcome.Should().Be(ImportOutcome.Rejected);
        summary.Errors.Select(e => e.ToString())
            .Should().Equal("line 4, column Satisfaction: not a whole number ('2,5')");
    }

    private static Task<ImportSummary> ImportMappedAsync(TestDatabase database, string csv) =>
        new CsvImporter(database.ConnectionString).ImportAsync(Mapping, new MemoryStream(Encoding.UTF8.GetBytes(csv)),
            "export.csv", "tester", new ImportOptions { Mapping = Mapping });
}
