using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CsKpi.Cli;
using CsKpi.Core.Import;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Import;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;

namespace CsKpi.Web.Tests.Uploads;

/// <summary>
/// The mapping as a JSON document on the upload page: the step downloads what it shows and fills itself in from an
/// uploaded one, a saved mapping downloads as one; and <c>cskpi mapping propose</c> proposes what the step proposes.
/// </summary>
public partial class UploadPageTests
{
    /// <summary>The agents the tool exports name (by name, as their ids here: the proposal does not look names up).
    /// </summary>
    private const string ExportAgents = "agent_id,name\nAnna Nowak,Anna Nowak\nJan Kowalski,Jan Kowalski\n";

    public static TheoryData<string, string, string, string> ToolExportFiles => new()
    {
        { "Freshdesk", ToolExports.Freshdesk, "tickets", "4" },
        { "Help Scout", ToolExports.HelpScout, "tickets", "3" },
        { "Typeform", ToolExports.Typeform, "surveys", "3" },
    };

    [Theory]
    [MemberData(nameof(ToolExportFiles))]
    public async Task What_cskpi_mapping_propose_prints_imports_the_same_records_as_the_web_steps_proposal(
        string tool, string export, string kind, string rows)
    {
        var csv = ToolExports.Csv(export);
        await using var web = await TestDatabase.CreateAsync();
        await using var cli = await TestDatabase.CreateAsync();
        foreach (var database in new[] { web, cli })
        {
            await new CsvImporter(database.ConnectionString).ImportAsync(ImportKind.Agents,
                new MemoryStream(Encoding.UTF8.GetBytes(ExportAgents)), "agents.csv", "tester", new ImportOptions());
        }

        // The web step's proposal, imported as shown.
        await using (var factory = new CsKpiWebFactory(web.ConnectionString))
        {
            var client = await factory.SignedInClientAsync(Roles.Admin);
            var (_, page) = await PostUploadAsync(client, kind, "export.csv", csv);
            var form = MapFields(page);
            form["__RequestVerificationToken"] = Token(page);
            form["Step"] = "import";
            var confirm = await client.PostAsync(Page + "?handler=Map", new FormUrlEncodedContent(form));
            confirm.StatusCode.Should().Be(HttpStatusCode.Redirect, await confirm.Content.ReadAsStringAsync());
            (await FinishedPageAsync(client, JobId(confirm))).Should().Contain("Imported", tool);
        }

        // The command line's proposal, imported as printed.
        var file = await WriteTempAsync(csv, ".csv");
        var (proposed, document, notes) = await CliAsync(cli, "mapping", "propose", file, "--kind", kind);
        proposed.Should().Be(CliApp.Success, notes);
        var mapping = await WriteTempAsync(document, ".json");
        var (imported, _, errors) = await CliAsync(cli, "import", "--mapping-file", mapping, file);
        imported.Should().Be(CliApp.Success, errors);

        (await Importing.SnapshotAsync(cli)).Should().Be(await Importing.SnapshotAsync(web),
            $"{tool}: the same proposal, the same records");
        var records = kind == "tickets" ? "SELECT count(*)::text FROM tickets"
            : "SELECT count(*)::text FROM survey_responses";
        (await ScalarAsync(cli, records)).Should().Be(rows, $"each row of the {tool} export is imported");
    }

    [Fact]
    public async Task The_mapping_step_exports_its_mapping_as_a_document_and_fills_itself_in_from_one()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Admin);
        var (_, first) = await PostUploadAsync(client, "tickets", "cases.csv", HelpDeskExport);

        var exportForm = HelpDeskForm(first, saveAs: "Help desk monthly");
        exportForm["Step"] = "export";
        var export = await client.PostAsync(Page + "?handler=Map", new FormUrlEncodedContent(exportForm));

        export.StatusCode.Should().Be(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        export.Content.Headers.ContentDisposition!.FileName.Should().Contain("Help-desk-monthly.mapping.json");
        var json = await export.Content.ReadAsStringAsync();
        var (exported, problems) = MappingDocument.Read(json);
        problems.Should().BeEmpty();
        exported!.Name.Should().Be("Help desk monthly");
        exported.Headers.Should().Equal("Case Number", "Opened", "Origin", "Assigned To", "Supervisor", "Closed",
            "Satisfaction");
        exported.Kinds.Select(k => k.Kind).Should().Equal(ImportKind.Tickets, ImportKind.Surveys);
        exported.Kinds[0].Source("channel")!.Values.Should().Contain("Web Form", "email");
        (exported.Dates, exported.AgentsByName, exported.TeamHeader).Should().Be((DateForm.DayFirst, true,
            "Supervisor"));

        // Next upload of the same export: a fresh proposal, then the document imported into the step.
        var (_, second) = await PostUploadAsync(client, "tickets", "cases.csv", HelpDeskExport);
        var loaded = await PostMapAsync(client, second, "load", ("help-desk.json", json));
        loaded.Should().Contain("The mapping in help-desk.json is filled in below");
        var fields = MapFields(loaded);
        fields.Should().Contain("Kinds[1]", "surveys").And.Contain("SaveAs", "Help desk monthly")
            .And.Contain("Dates", "day-first").And.Contain("TeamHeader", "Supervisor");
        InRow(fields, ".From", "Web Form", ".To").Should().Be("email");
        var agentsByName = Html.Parse(loaded).One("input[type=checkbox][name=AgentsByName]");
        agentsByName.HasAttribute("checked").Should().BeTrue();

        // Imported as filled in: what the exported mapping imports, and saved under its name.
        fields["__RequestVerificationToken"] = Token(loaded);
        (fields["AgentsByName"], fields["CreateAgents"], fields["Step"]) = ("true", "true", "import");
        var confirm = await client.PostAsync(Page + "?handler=Map", new FormUrlEncodedContent(fields));
        (await FinishedPageAsync(client, JobId(confirm))).Should().Contain("Imported 3 rows");
        (await ScalarAsync(database,
                "SELECT string_agg(source_id || '=' || channel, ',' ORDER BY source_id) FROM tickets"))
            .Should().Be("C-1=phone,C-2=email,C-3=phone");
        (await ScalarAsync(database, "SELECT string_agg(name, ',') FROM saved_mappings"))
            .Should().Be("Help desk monthly");
    }

    [Fact]
    public async Task A_file_that_is_not_a_mapping_leaves_the_step_as_it_was_and_says_why()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Admin);
        var (_, page) = await PostUploadAsync(client, "tickets", "cases.csv", HelpDeskExport);

        var refused = await PostMapAsync(client, page, "load",
            ("broken.json", "{\"kinds\": [{\"kind\": \"robots\", \"columns\": {}}]}"));

        refused.Should().Contain("broken.json is not a mapping: line 1, column 29: $.kinds[0].kind: a field missing, " +
            "unknown, or with a value it does not take");
        MapFields(refused).Should().Contain("ColumnChoices[0].Header", "Case Number")
            .And.Contain("Kinds[0]", "tickets");
    }

    [Fact]
    public async Task A_saved_mapping_downloads_as_a_document_with_its_name_and_headers()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
            await new MappingStore(db).SaveAsync("Agents export", new ImportMapping
            {
                Kinds = [new MappedKind(ImportKind.Agents, new Dictionary<string, ColumnSource>
                    { ["agent_id"] = new() { Header = "Login" }, ["name"] = new() { Header = "Full name" } })],
            }, ["Login", "Full name", "Desk"], "tester");
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Admin);

        var link = Html.Parse(await client.GetStringAsync(Page)).One("a[href*='handler=ExportMapping']")
            .GetAttribute("href")!;
        var response = await client.GetAsync(link);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var (mapping, _) = MappingDocument.Read(await response.Content.ReadAsStringAsync());
        mapping!.Name.Should().Be("Agents export");
        mapping.Headers.Should().Equal("Login", "Full name", "Desk");
        mapping.Kinds.Single().Source("name")!.Header.Should().Be("Full name");
        (await client.GetAsync(Page + "?handler=ExportMapping&name=Nobody")).StatusCode
            .Should().Be(HttpStatusCode.NotFound);
    }

    /// <summary>The mapping step's form as shown, posted with <paramref name="step"/> and a document file.</summary>
    private static async Task<string> PostMapAsync(HttpClient client, string mappingPage, string step,
        (string Name, string Json) document)
    {
        using var content = new MultipartFormDataContent();
        // The form's fields, its antiforgery token among them.
        foreach (var (name, value) in MapFields(mappingPage))
            content.Add(new StringContent(value), name);
        content.Add(new StringContent(step), "Step");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(document.Json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(file, "Document", document.Name);
        var response = await client.PostAsync(Page + "?handler=Map", content);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<(int Exit, string Output, string Error)> CliAsync(TestDatabase database,
        params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await CliApp.RunAsync([.. args, "--connection", database.ConnectionString], output, error,
            _ => null);
        return (exit, output.ToString(), error.ToString());
    }

    private static async Task<string> WriteTempAsync(string text, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}{extension}");
        await File.WriteAllTextAsync(path, text);
        return path;
    }
}
