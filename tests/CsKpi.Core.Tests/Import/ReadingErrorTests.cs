using System.Text;
using CsKpi.Core.Import;
using CsKpi.Tests.Infrastructure;
using static CsKpi.Core.Tests.Import.Importing;

namespace CsKpi.Core.Tests.Import;

public class ReadingErrorTests
{
    [Fact]
    public async Task Long_lines_invalid_utf8_and_nul_bytes_are_row_errors_listed_with_the_others_and_nothing_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        var before = await SnapshotAsync(database);
        byte[] file =
        [
            .. "agent_id,name,team\nA1,Anna,Blue\n"u8,
            .. Encoding.ASCII.GetBytes("A2," + new string('x', 200) + ",Red\n"), // line 3: twice the limit
            .. "A3,Caf"u8, 0xE9, .. ",Red\n"u8,                                    // line 4: Latin-1 é
            .. "A4,Bo"u8, 0x00, .. "b,Red\n"u8,                                   // line 5: NUL
            .. ",No id,Red\nA6,Zed,Red\n"u8,                                      // line 6: an ordinary error
        ];

        var importer = new CsvImporter(database.ConnectionString);
        var summary = await importer.ImportAsync(ImportKind.Agents, new MemoryStream(file), "agents.csv", "tester",
            new ImportOptions { MaxLineBytes = 100, Encoding = FileEncoding.Utf8 }); // chosen: not detected

        summary.Outcome.Should().Be(ImportOutcome.Rejected);
        summary.Rows.Should().Be(6);
        summary.Errors.Select(e => e.ToString()).Should().Equal(
            "line 3, column (line): the line is longer than 100 bytes (Import:MaxLineBytes)",
            "line 4, column name: not UTF-8: invalid byte at byte 4 of the cell (choose the file's encoding, or " +
            "save it as CSV UTF-8)",
            "line 5, column name: a NUL byte (0x00) at byte 3 of the cell",
            "line 6, column agent_id: a value is required");
        (await SnapshotAsync(database)).Should().Be(before);
    }

    [Fact]
    public async Task A_header_longer_than_the_limit_is_an_error_on_line_one()
    {
        await using var database = await TestDatabase.CreateAsync();

        var header = "agent_id,name," + new string('t', 100);
        var options = new ImportOptions { MaxLineBytes = 50 };
        var summary = await ImportAsync(database, ImportKind.Agents, header + "\nA1,Anna,\n", options);

        summary.Errors.Select(e => e.ToString()).Should()
            .Equal("line 1, column (line): the line is longer than 50 bytes (Import:MaxLineBytes)");
    }

    [Fact]
    public async Task A_quote_inside_an_unquoted_field_rejects_the_file_on_its_line_instead_of_losing_the_next_row()
    {
        await using var database = await TestDatabase.CreateAsync();
        var before = await SnapshotAsync(database);

        var summary = await ImportAsync(database, ImportKind.Agents,
            "agent_id,name,team\nA1,Anna 5\" screen,Blue\nA2,Bob 7\" tab,Blue\nA3,Carl,Red\n");

        summary.Outcome.Should().Be(ImportOutcome.Rejected);
        summary.Errors.Select(e => e.ToString()).Should().Equal("line 2, column name: a quote (\") inside a field " +
            "not enclosed in quotes: enclose the field in quotes and double its quotes");
        (await SnapshotAsync(database)).Should().Be(before);
    }
}
