using System.Text;
using CsKpi.Core.Import;
using CsKpi.Tests.Infrastructure;
using static CsKpi.Core.Tests.Import.Importing;

namespace CsKpi.Core.Tests.Import;

/// <summary>csv-formats.md "Exports from other tools": the encodings spreadsheets write, detected and read.</summary>
public class FileEncodingTests
{
    private const string Spanish = "agent_id,name,team\nA1,José Muñoz,Señales\nA2,Zoë Brontë,Café\n";
    private const string Polish = "agent_id,name,team\nA1,Zażółć gęślą jaźń,Łódź\nA2,Stanisław Wyspiański,Kraków\n";

    public static byte[] Encode(string text, int codePage) =>
        CodePagesEncodingProvider.Instance.GetEncoding(codePage)!.GetBytes(text);

    [Theory]
    [InlineData(Spanish, 1252, FileEncoding.Windows1252)]
    [InlineData(Polish, 1250, FileEncoding.Windows1250)]
    [InlineData(Polish, 28592, FileEncoding.Iso88592)]
    public async Task A_legacy_file_is_detected_and_imports_the_names_as_written(string csv, int codePage,
        FileEncoding expected)
    {
        await using var database = await TestDatabase.CreateAsync();
        var bytes = Encode(csv, codePage);

        EncodingDetection.Detect(new MemoryStream(bytes)).Should().Be(expected);
        var summary = await ImportBytesAsync(database, bytes);

        summary.Outcome.Should().Be(ImportOutcome.Imported, string.Join("\n", summary.Errors));
        (await NamesAsync(database)).Should().Be(string.Join("|", csv.Split('\n')[1..^1]));
    }

    [Fact]
    public async Task Utf16_with_a_bom_and_utf8_with_a_bom_import_alike()
    {
        await using var database = await TestDatabase.CreateAsync();
        byte[] utf16 = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Polish)];
        byte[] utf8 = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Spanish.Replace("A1", "B1")
            .Replace("A2", "B2"))];

        EncodingDetection.Detect(new MemoryStream(utf16)).Should().Be(FileEncoding.Utf16Le);
        EncodingDetection.Detect(new MemoryStream(utf8)).Should().Be(FileEncoding.Utf8);
        (await ImportBytesAsync(database, utf16)).Outcome.Should().Be(ImportOutcome.Imported);
        (await ImportBytesAsync(database, utf8)).Outcome.Should().Be(ImportOutcome.Imported);

        (await NamesAsync(database)).Should().Be("A1,Zażółć gęślą jaźń,Łódź|A2,Stanisław Wyspiański,Kraków|" +
            "B1,José Muñoz,Señales|B2,Zoë Brontë,Café");
    }

    [Fact]
    public async Task An_invalid_utf8_byte_with_utf8_chosen_is_an_error_with_line_column_and_advice()
    {
        await using var database = await TestDatabase.CreateAsync();
        var before = await SnapshotAsync(database);

        var summary = await ImportBytesAsync(database, Encode(Spanish, 1252), FileEncoding.Utf8);

        summary.Outcome.Should().Be(ImportOutcome.Rejected);
        summary.Errors.Select(e => e.ToString()).Should().Equal(
            "line 2, column name: not UTF-8: invalid byte at byte 4 of the cell (choose the file's encoding, or " +
            "save it as CSV UTF-8)",
            "line 2, column team: not UTF-8: invalid byte at byte 3 of the cell (choose the file's encoding, or " +
            "save it as CSV UTF-8)",
            "line 3, column name: not UTF-8: invalid byte at byte 3 of the cell (choose the file's encoding, or " +
            "save it as CSV UTF-8)",
            "line 3, column team: not UTF-8: invalid byte at byte 4 of the cell (choose the file's encoding, or " +
            "save it as CSV UTF-8)");
        (await SnapshotAsync(database)).Should().Be(before);
    }

    [Fact]
    public async Task A_byte_with_no_character_in_the_chosen_encoding_is_an_error_at_its_file_byte()
    {
        await using var database = await TestDatabase.CreateAsync();
        // 0x9F is "ź" in Windows-1250 and a control code in ISO-8859-2; 0x81 has no character in Windows-1252.
        var polish = Encode(Polish, 1250);
        byte[] western = [.. "agent_id,name\nA1,Ab"u8, 0x81, .. "c\n"u8];

        var chosenWrong = await ImportBytesAsync(database, polish, FileEncoding.Iso88592);
        var unassigned = await ImportBytesAsync(database, western, FileEncoding.Windows1252);

        chosenWrong.Errors.Select(e => e.ToString()).Should().Equal(
            "line 2, column name: byte 10 of the cell is no character of the file's encoding: choose the file's " +
            "encoding",
            "line 2, column team: byte 4 of the cell is no character of the file's encoding: choose the file's " +
            "encoding");
        unassigned.Errors.Select(e => e.ToString()).Should().Equal(
            "line 2, column name: byte 3 of the cell is no character of the file's encoding: choose the file's " +
            "encoding");
    }

    [Fact]
    public async Task A_mapping_that_names_an_encoding_reads_the_file_in_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        var mapping = ImportMapping.FromJson("""
            {"kinds":[{"kind":"agents","columns":{"agent_id":{"header":"agent_id"},"name":{"header":"name"}}}],
             "encoding":"iso-8859-2"}
            """);

        // Detection would say Windows-1250 (byte 0x9F): the mapping's choice wins, and the import says where.
        var summary = await new CsvImporter(database.ConnectionString).ImportAsync(mapping,
            new MemoryStream(Encode(Polish, 1250)), "agents.csv", "tester", new ImportOptions());

        mapping.ChosenEncoding.Should().Be(FileEncoding.Iso88592);
        ImportMapping.FromJson(mapping.ToJson()).Encoding.Should().Be("iso-8859-2");
        summary.Errors.Select(e => (e.Line, e.Column, e.Argument)).Should().Equal((2, "name", "10"), (2, "team", "4"));
    }

    [Fact]
    public void Detection_looks_past_plain_ascii_rows_to_the_first_that_are_not()
    {
        var ascii = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"A{i},Plain Name {i},Team\n"));
        byte[] file = [.. Encoding.ASCII.GetBytes("agent_id,name,team\n" + ascii), .. Encode(Spanish[19..], 1252)];

        file.Length.Should().BeGreaterThan(EncodingDetection.SampleBytes);
        EncodingDetection.Detect(new MemoryStream(file)).Should().Be(FileEncoding.Windows1252);
        EncodingDetection.Detect(new MemoryStream(Encoding.ASCII.GetBytes(ascii))).Should().Be(FileEncoding.Utf8);
        EncodingDetection.Detect(new MemoryStream(Encoding.UTF8.GetBytes(ascii + Polish)))
            .Should().Be(FileEncoding.Utf8);
    }

    [Theory]
    [InlineData("iso-8859-1", false, FileEncoding.Windows1252)]
    [InlineData("windows-1252", true, FileEncoding.Windows1252)]
    [InlineData("windows-1250", false, FileEncoding.Windows1250)]
    [InlineData("iso-8859-2", false, FileEncoding.Iso88592)]
    [InlineData("iso-8859-2", true, FileEncoding.Windows1250)]
    [InlineData("windows-1251", false, FileEncoding.Windows1252)]
    public void The_detectors_answer_is_narrowed_to_the_encodings_read(string name, bool c1Bytes,
        FileEncoding expected) =>
        EncodingDetection.SingleByte([name], c1Bytes).Should().Be(expected);

    [Theory]
    [InlineData("UTF8", FileEncoding.Utf8)]
    [InlineData("utf-16le", FileEncoding.Utf16Le)]
    [InlineData("Windows-1252", FileEncoding.Windows1252)]
    [InlineData("cp1250", FileEncoding.Windows1250)]
    [InlineData("ISO_8859_2", FileEncoding.Iso88592)]
    public void Encoding_names_parse_in_their_usual_spellings(string name, FileEncoding expected)
    {
        FileEncodings.TryParse(name, out var parsed).Should().BeTrue();
        parsed.Should().Be(expected);
        FileEncodings.TryParse("koi8-r", out _).Should().BeFalse();
    }

    [Fact]
    public async Task The_cli_detects_the_encoding_and_encoding_overrides_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = Path.Combine(Path.GetTempPath(), $"agents-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(file, Encode(Polish, 1250));
        try
        {
            var forced = await Cli.DbMigrateCommandTests.RunAsync(["import", "agents", file, "--encoding",
                "iso-8859-2", "--connection", database.ConnectionString]);
            var detected = await Cli.DbMigrateCommandTests.RunAsync(["import", "agents", file, "--connection",
                database.ConnectionString]);
            var unknown = await Cli.DbMigrateCommandTests.RunAsync(["import", "agents", file, "--encoding", "koi8-r",
                "--connection", database.ConnectionString]);

            forced.Exit.Should().Be(CsKpi.Cli.CliApp.Rejected);
            forced.Output.Should().Contain("read as ISO-8859-2.");
            forced.Error.Should().Contain("line 2, column team: byte 4 of the cell is no character of the file's " +
                "encoding: choose the file's encoding");
            detected.Exit.Should().Be(CsKpi.Cli.CliApp.Success, detected.Error);
            detected.Output.Should().Contain("read as Windows-1250 (detected).").And.Contain("2 inserted");
            unknown.Exit.Should().Be(CsKpi.Cli.CliApp.Usage);
            (await NamesAsync(database)).Should().Be(string.Join("|", Polish.Split('\n')[1..^1]));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Task<ImportSummary> ImportBytesAsync(TestDatabase database, byte[] bytes,
        FileEncoding? encoding = null) =>
        new CsvImporter(database.ConnectionString).ImportAsync(ImportKind.Agents, new MemoryStream(bytes),
            "agents.csv", "tester", new ImportOptions { Encoding = encoding });

    private static async Task<string?> NamesAsync(TestDatabase database) =>
        await ScalarAsync<string>(database, "SELECT string_agg(a.source_id || ',' || a.name || ',' || t.name, '|' " +
            "ORDER BY a.source_id) FROM agents a JOIN teams t ON t.id = a.team_id");
}
