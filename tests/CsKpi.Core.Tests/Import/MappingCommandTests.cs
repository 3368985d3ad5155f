using CsKpi.Cli;
using CsKpi.Core.Import;
using CsKpi.Core.Tests.Cli;
using CsKpi.Tests.Infrastructure;
using static CsKpi.Core.Tests.Import.Importing;

namespace CsKpi.Core.Tests.Import;

/// <summary>
/// <c>cskpi mapping propose|export|import|list</c> and <c>cskpi import --mapping-file</c>: the mapping as a JSON
/// document, moved between databases whole or not at all.
/// </summary>
public class MappingCommandTests
{
    private const string Cases = "Case Number,Opened,Origin,Assigned To,Closed,Satisfaction\n" +
        "C-1,25/07/2023 09:15,Inbound,Jane Smith,26/07/2023 10:00,5\n" +
        "C-2,03/08/2023 14:00,Web Form,Tom Ray,,\n" +
        "C-3,04/08/2023 08:00,Outcall,Jane Smith,04/08/2023 09:00,2\n";

    private static readonly string[] CaseHeaders = Cases[..Cases.IndexOf('\n', StringComparison.Ordinal)].Split(',');

    /// <summary>Tickets by agent name (created with their team) and the csat of the same rows.</summary>
    private static readonly ImportMapping CaseMapping = new()
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
                        { ["Inbound"] = "phone", ["Outcall"] = "phone", ["Web Form"] = "email" },
                },
                ["agent_id"] = new() { Header = "Assigned To" },
                ["resolved_at"] = new() { Header = "Closed" },
            }),
            new MappedKind(ImportKind.Surveys, new Dictionary<string, ColumnSource>
            {
                ["survey"] = new() { Value = "csat" },
                ["score"] = new() { Header = "Satisfaction" },
                ["submitted_at"] = new() { Header = "Closed" },
                ["ticket_id"] = new() { Header = "Case Number" },
            }),
        ],
        Dates = DateForm.DayFirst,
        AgentsByName = true,
        CreateAgents = true,
    };

    [Fact]
    public async Task A_saved_mapping_exported_and_imported_into_another_database_is_the_same_and_imports_alike()
    {
        await using var source = await TestDatabase.CreateAsync();
        await using var target = await TestDatabase.CreateAsync();
        await using (var db = source.CreateContext())
            await new MappingStore(db).SaveAsync("Cases monthly", CaseMapping, CaseHeaders, "tester");

        var (exported, document, exportError) = await RunAsync(source, "mapping", "export", "Cases monthly");
        exported.Should().Be(CliApp.Success, exportError);
        var file = await WriteAsync(document, ".json");
        var (imported, output, importError) = await RunAsync(target, "mapping", "import", file);

        imported.Should().Be(CliApp.Success, importError);
        output.Should().Contain("Saved the mapping 'Cases monthly' (tickets, surveys).");
        await using (var from = source.CreateContext())
        await using (var to = target.CreateContext())
        {
            var (original, copy) = ((await new MappingStore(from).GetAsync("Cases monthly"))!,
                (await new MappingStore(to).GetAsync("Cases monthly"))!);
            copy.Definition.Should().Be(original.Definition);
            copy.Headers.Should().Equal(CaseHeaders);
        }
        (await RunAsync(target, "mapping", "import", file)).Output.Should()
            .Contain("Replaced the mapping 'Cases monthly'");

        // The monthly upload through the moved mapping gives what the original gives.
        var cases = await WriteAsync(Cases, ".csv");
        (await RunAsync(source, "import", "--mapping", "Cases monthly", cases)).Exit.Should().Be(CliApp.Success);
        (await RunAsync(target, "import", "--mapping", "Cases monthly", cases)).Exit.Should().Be(CliApp.Success);
        (await SnapshotAsync(target)).Should().Be(await SnapshotAsync(source));
        (await ScalarAsync<long>(target, "SELECT count(*) FROM survey_responses")).Should().Be(2);
    }

    [Fact]
    public async Task A_deleted_mapping_comes_back_from_its_export()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
            await new MappingStore(db).SaveAsync("Cases monthly", CaseMapping, CaseHeaders, "tester");
        var file = await WriteAsync((await RunAsync(database, "mapping", "export", "Cases monthly")).Output, ".json");
        string before;
        await using (var db = database.CreateContext())
        {
            before = (await new MappingStore(db).GetAsync("Cases monthly"))!.Definition;
            (await new MappingStore(db).DeleteAsync("Cases monthly")).Should().BeTrue();
        }

        (await RunAsync(database, "mapping", "import", file)).Exit.Should().Be(CliApp.Success);

        await using (var db = database.CreateContext())
            (await new MappingStore(db).GetAsync("Cases monthly"))!.Definition.Should().Be(before);
    }

    [Fact]
    public async Task The_document_reads_and_writes_the_whole_mapping_with_its_name_and_headers()
    {
        var document = MappingDocument.Write(CaseMapping with { Name = "Cases", Headers = CaseHeaders });

        var (read, problems) = MappingDocument.Read(document);

        problems.Should().BeEmpty();
        read!.Name.Should().Be("Cases");
        read.Headers.Should().Equal(CaseHeaders);
        (read with { Name = null, Headers = null }).ToJson().Should().Be(CaseMapping.ToJson());
        document.Should().Contain("\n  \"name\": \"Cases\"", "a document is indented for people to read");
    }

    public static TheoryData<string, string> InvalidDocuments => new()
    {
        { "{\"kinds\": [", "line 1, column 12: $.kinds[0]: not valid JSON" },
        { "{}", "line 1, column 3: $: a field missing, unknown, or with a value it does not take" },
        { "{\"kinds\": [{\"kind\": \"robots\", \"columns\": {}}]}",
            "line 1, column 29: $.kinds[0].kind: a field missing, unknown, or with a value it does not take" },
        { "{\"kinds\": [], \"teamHeadr\": \"Team\"}",
            "line 1, column 27: $.teamHeadr: a field missing, unknown, or with a value it does not take" },
        { "{\"kinds\": []}", "$.kinds: a mapping feeds at least one kind" },
        { "{\"kinds\": [{\"kind\": \"tickets\", \"columns\": {\"ticket\": {\"header\": \"Id\"}}}]}",
            "$.kinds[0].columns.ticket: not a column of tickets" },
        { "{\"kinds\": [{\"kind\": \"tickets\", \"columns\": {\"ticket_id\": {}}}]}",
            "$.kinds[0].columns.ticket_id: neither a column of the file nor a fixed value" },
    };

    [Theory]
    [MemberData(nameof(InvalidDocuments))]
    public async Task An_invalid_document_exits_3_with_its_reason_and_nothing_is_saved_or_imported(string json,
        string reason)
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = await WriteAsync(json, ".json");
        var cases = await WriteAsync(Cases, ".csv");

        var saved = await RunAsync(database, "mapping", "import", file, "--name", "Broken");
        var imported = await RunAsync(database, "import", "--mapping-file", file, cases);

        foreach (var (exit, output, error) in new[] { saved, imported })
        {
            exit.Should().Be(CliApp.Rejected, error);
            output.Should().BeEmpty();
            error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(reason,
                $"{Path.GetFileName(file)} is not a mapping document; nothing was done.");
        }
        (await ScalarAsync<long>(database, "SELECT count(*) FROM saved_mappings")).Should().Be(0);
        (await ScalarAsync<long>(database, "SELECT count(*) FROM tickets")).Should().Be(0);
    }

    [Fact]
    public async Task A_document_without_a_name_is_saved_under_the_name_given_and_refused_without_one()
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = await WriteAsync(MappingDocument.Write(CaseMapping), ".json");

        var (refused, _, reason) = await RunAsync(database, "mapping", "import", file);
        var (named, _, error) = await RunAsync(database, "mapping", "import", file, "--name", "Cases");

        refused.Should().Be(CliApp.Rejected);
        reason.Should().Contain("the document has no name: add \"name\" to it, or give --name.");
        named.Should().Be(CliApp.Success, error);
        await using var db = database.CreateContext();
        (await new MappingStore(db).GetAsync("Cases"))!.Headers.Should().BeEquivalentTo(
            ["Case Number", "Opened", "Origin", "Assigned To", "Closed", "Satisfaction"],
            "without the file's headers, the columns the mapping reads stand for them");
    }

    [Fact]
    public async Task List_shows_each_saved_mapping_with_its_kinds_and_columns()
    {
        await using var database = await TestDatabase.CreateAsync();
        (await RunAsync(database, "mapping", "list")).Output.Should().Contain("No saved mappings.");
        await using (var db = database.CreateContext())
        {
            await new MappingStore(db).SaveAsync("Cases monthly", CaseMapping, CaseHeaders, "anna");
            await new MappingStore(db).SaveAsync("Agents", new ImportMapping
            {
                Kinds = [new MappedKind(ImportKind.Agents, new Dictionary<string, ColumnSource>
                    { ["agent_id"] = new() { Header = "Login" }, ["name"] = new() { Header = "Full name" } })],
            }, ["Login", "Full name"], "piotr");
        }

        var (exit, output, _) = await RunAsync(database, "mapping", "list");

        exit.Should().Be(CliApp.Success);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(3);
        lines[0].Should().StartWith("name").And.Contain("kinds").And.Contain("columns");
        lines[1].Should().StartWith("Agents").And.Contain("agents").And.Contain("piotr");
        lines[2].Should().StartWith("Cases monthly").And.Contain("tickets, surveys").And.Contain(" 6 ")
            .And.Contain("anna");
    }

    [Fact]
    public async Task Propose_prints_a_document_that_imports_as_is_and_notes_what_it_could_not_settle()
    {
        await using var database = await TestDatabase.CreateAsync();
        var export = await WriteAsync(ToolExports.Csv(ToolExports.Typeform), ".csv");

        var (exit, document, notes) = await RunAsync(database, "mapping", "propose", export, "--kind", "surveys");

        exit.Should().Be(CliApp.Success, notes);
        notes.Should().BeEmpty("nothing is left to settle in a typical Typeform export");
        var file = await WriteAsync(document, ".json");
        var (imported, output, error) = await RunAsync(database, "import", "--mapping-file", file, export);
        imported.Should().Be(CliApp.Success, error);
        output.Should().Contain("3 rows — 3 inserted");
        (await ScalarAsync<string>(database,
                "SELECT string_agg(kind::text || '=' || score, ',' ORDER BY score) FROM survey_responses"))
            .Should().Be("csat=2,csat=4,csat=5");

        // Dates that could be either way, and a channel nobody can guess, are left to the admin.
        var ambiguous = await WriteAsync(Cases.Replace("25/07/2023", "05/07/2023", StringComparison.Ordinal)
            .Replace("26/07/2023", "06/07/2023", StringComparison.Ordinal)
            .Replace("Web Form", "Web Widget", StringComparison.Ordinal), ".csv");
        var (_, table, _) = await RunAsync(database, "mapping", "propose", ambiguous, "--format", "table");
        table.Should().Contain("each row is one of: tickets").And.Contain("ticket_id")
            .And.Contain("← Case Number").And.Contain("Outcall → phone");
        table.Should().Contain("note: dates could be day first or month first")
            .And.Contain("no translation proposed for 'Web Widget'");
    }

    [Fact]
    public async Task A_document_made_for_other_columns_is_not_imported_unseen()
    {
        await using var database = await TestDatabase.CreateAsync();
        var document = await WriteAsync(MappingDocument.Write(CaseMapping with { Headers = CaseHeaders }), ".json");
        var other = await WriteAsync(Cases.Replace(",Satisfaction\n", ",Priority\n", StringComparison.Ordinal),
            ".csv");

        var (exit, _, error) = await RunAsync(database, "import", "--mapping-file", document, other);

        exit.Should().Be(CliApp.Rejected);
        error.Should().Contain("column Satisfaction: the mapping").And.Contain("column Priority: not in the file");
        (await ScalarAsync<long>(database, "SELECT count(*) FROM tickets")).Should().Be(0);
    }

    [Theory]
    [InlineData("mapping", "propose", "/no/such/file.csv")]
    [InlineData("mapping", "export", "Nobody saved this")]
    [InlineData("mapping", "import", "/no/such/mapping.json")]
    [InlineData("import", "--mapping", "A", "--mapping-file", "/tmp/m.json", "/tmp/x.csv")]
    public async Task Wrong_usage_exits_2(params string[] args)
    {
        await using var database = await TestDatabase.CreateAsync();
        (await RunAsync(database, args)).Exit.Should().Be(CliApp.Usage);
    }

    private static Task<(int Exit, string Output, string Error)> RunAsync(TestDatabase database,
        params string[] args) => DbMigrateCommandTests.RunAsync([.. args, "--connection", database.ConnectionString]);

    private static async Task<string> WriteAsync(string text, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mapping-{Guid.NewGuid():N}{extension}");
        await File.WriteAllTextAsync(path, text);
        return path;
    }
}
