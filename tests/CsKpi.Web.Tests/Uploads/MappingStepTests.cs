using System.Net;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;
using Npgsql;

namespace CsKpi.Web.Tests.Uploads;

/// <summary>
/// The mapping step for exports from other tools: several kinds per row, values, dates, agents by name, saved mappings.
/// </summary>
public partial class UploadPageTests
{
    private const string HelpDeskExport =
        "Case Number,Opened,Origin,Assigned To,Supervisor,Closed,Satisfaction\n" +
        "C-1,25/07/2023 09:15,Inbound,Jane Smith,Bob Lee,26/07/2023 10:00,5\n" +
        "C-2,03/08/2023 14:00,Web Form,Tom Ray,Bob Lee,,\n" +
        "C-3,04/08/2023 08:00,Outcall,Jane Smith,Ann Kay,04/08/2023 09:00,2\n";

    /// <summary>
    /// The mapping step's form as an admin fills it in for <see cref="HelpDeskExport"/>: tickets and their csat.
    /// </summary>
    private static Dictionary<string, string> HelpDeskForm(string mappingPage, string? saveAs = null) => new()
    {
        ["__RequestVerificationToken"] = Token(mappingPage),
        ["Kind"] = "tickets",
        ["Upload"] = UploadId(mappingPage),
        ["FileName"] = "cases.csv",
        ["Kinds[0]"] = "tickets",
        ["Kinds[1]"] = "surveys",
        ["ColumnChoices[0].Target"] = "0.ticket_id",
        ["ColumnChoices[0].Header"] = "Case Number",
        ["ColumnChoices[1].Target"] = "0.created_at",
        ["ColumnChoices[1].Header"] = "Opened",
        ["ColumnChoices[2].Target"] = "0.channel",
        ["ColumnChoices[2].Header"] = "Origin",
        ["ColumnChoices[3].Target"] = "0.agent_id",
        ["ColumnChoices[3].Header"] = "Assigned To",
        ["ColumnChoices[4].Target"] = "0.resolved_at",
        ["ColumnChoices[4].Header"] = "Closed",
        ["ColumnChoices[5].Target"] = "1.survey",
        ["ColumnChoices[5].Fixed"] = "csat",
        ["ColumnChoices[6].Target"] = "1.score",
        ["ColumnChoices[6].Header"] = "Satisfaction",
        ["ColumnChoices[7].Target"] = "1.submitted_at",
        ["ColumnChoices[7].Header"] = "Closed",
        ["ColumnChoices[8].Target"] = "1.ticket_id",
        ["ColumnChoices[8].Header"] = "Case Number",
        ["ValueChoices[0].Target"] = "0.channel",
        ["ValueChoices[0].From"] = "Inbound",
        ["ValueChoices[0].To"] = "phone",
        ["ValueChoices[1].Target"] = "0.channel",
        ["ValueChoices[1].From"] = "Outcall",
        ["ValueChoices[1].To"] = "phone",
        ["ValueChoices[2].Target"] = "0.channel",
        ["ValueChoices[2].From"] = "Web Form",
        ["ValueChoices[2].To"] = "email",
        ["Dates"] = "day-first",
        ["AgentsByName"] = "true",
        ["CreateAgents"] = "true",
        ["TeamHeader"] = "Supervisor",
        ["SaveAs"] = saveAs ?? "",
        ["Step"] = "import",
    };

    [Fact]
    public async Task Mapping_step_proposes_day_first_dates_values_to_translate_and_a_csat_response_from_the_same_rows()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Admin);

        var (status, page) = await PostUploadAsync(client, "tickets", "cases.csv", HelpDeskExport);

        status.Should().Be(HttpStatusCode.OK);
        page.Should().Contain("<input type=\"radio\" name=\"Dates\" value=\"day-first\" checked=\"checked\" />",
            "25/07/2023 settles day first");
        page.Should().Contain("<code>Inbound</code>").And.Contain("<code>Outcall</code>")
            .And.Contain("<code>Web Form</code>");
        InRow(MapFields(page), ".From", "Outcall", ".To")
            .Should().Be("phone", "a value is proposed from the words other tools use");
        page.Should().Contain("<td>2023-07-25 09:15</td>", "the preview shows the parsed timestamps");

        var form = HelpDeskForm(page);
        form["Step"] = "add";
        form["AddKind"] = "surveys";
        foreach (var key in form.Keys.Where(k => k.StartsWith("ColumnChoices[", StringComparison.Ordinal)
                && form[k.Split('.')[0] + ".Target"].StartsWith("1.", StringComparison.Ordinal)).ToList())
            form.Remove(key);
        form.Remove("Kinds[1]");
        var added = await (await client.PostAsync(Page + "?handler=Map", new FormUrlEncodedContent(form)))
            .Content.ReadAsStringAsync();

        added.Should().Contain("name=\"Kinds[1]\" value=\"surveys\"");
        InRow(MapFields(added), ".Target", "1.survey", ".Fixed")
            .Should().Be("csat", "a rating column is a csat unless a column says otherwise");
        InRow(MapFields(added), ".Target", "1.submitted_at", ".Header")
            .Should().Be("Closed", "answered when the ticket was resolved");
    }

    [Fact]
    public async Task Rated_export_imports_tickets_responses_agents_and_its_saved_mapping_makes_next_upload_one_click()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Admin);
        var (_, mappingPage) = await PostUploadAsync(client, "tickets", "cases.csv", HelpDeskExport);

        var confirm = await client.PostAsync(Page + "?handler=Map",
            new FormUrlEncodedContent(HelpDeskForm(mappingPage, saveAs: "Help desk monthly")));

        confirm.StatusCode.Should().Be(HttpStatusCode.Redirect, await confirm.Content.ReadAsStringAsync());
        var done = await FinishedPageAsync(client, JobId(confirm));
        done.Should().Contain("Imported 3 rows").And.Contain("Records by kind");
        done.Should().Contain("<td>agents, tickets, surveys</td>", "the history names every kind");
        (await ScalarAsync(database,
                "SELECT string_agg(r.source_id || '=' || r.score || '/' || a.source_id || '@' || tm.name, ',' " +
                "ORDER BY r.source_id) FROM survey_responses r JOIN agents a ON a.id = r.agent_id " +
                "JOIN teams tm ON tm.id = a.team_id"))
            .Should().Be("csat:C-1=5/Jane Smith@Bob Lee,csat:C-3=2/Jane Smith@Bob Lee");
        (await ScalarAsync(database,
                "SELECT string_agg(source_id || '=' || channel, ',' ORDER BY source_id) FROM tickets"))
            .Should().Be("C-1=phone,C-2=email,C-3=phone");

        // Next month: the same columns, chosen with the file — no mapping step.
        var august = HelpDeskExport.Replace("Satisfaction\n",
            "Satisfaction\nC-4,09/08/2023 11:00,Inbound,Tom Ray,Bob Lee,,\n", StringComparison.Ordinal);
        var next = await SendUploadAsync(client, "tickets", "cases-august.csv", august,
            savedMapping: "Help desk monthly");
        next.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await FinishedPageAsync(client, JobId(next))).Should().Contain("Imported 4 rows");
        (await ScalarAsync(database, "SELECT count(*)::text FROM tickets")).Should().Be("4");

        // Uploaded without choosing it, a file with those columns gets the saved mapping filled in.
        var (_, suggested) = await PostUploadAsync(client, "tickets", "cases-again.csv", HelpDeskExport);
        suggested.Should().Contain("saved mapping Help desk monthly");
        suggested.Should().Contain("name=\"Kinds[1]\" value=\"surveys\"")
            .And.Contain("<input type=\"checkbox\" name=\"AgentsByName\" value=\"true\" checked=\"checked\" />");

        // Listed, and deleted by an admin.
        var listed = await client.GetStringAsync(Page);
        listed.Should().Contain("<th scope=\"row\">Help desk monthly</th>");
        var deleted = await client.PostAsync(Page + "?handler=DeleteMapping",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Token(listed),
                ["name"] = "Help desk monthly",
            }));
        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync(database, "SELECT count(*)::text FROM saved_mappings")).Should().Be("0");
    }

    [Fact]
    public async Task Dates_that_could_be_day_or_month_first_are_asked_and_the_import_waits_for_the_answer()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Admin);
        var ambiguous = HelpDeskExport.Replace("25/07/2023", "05/07/2023", StringComparison.Ordinal)
            .Replace("26/07/2023", "06/07/2023", StringComparison.Ordinal);

        var (_, page) = await PostUploadAsync(client, "tickets", "cases.csv", ambiguous);

        page.Should().Contain("could be day first or month first");
        page.Should().Contain("value=\"day-first\"").And.Contain("value=\"month-first\"")
            .And.NotContain("checked=\"checked\" /> day first");
        var form = HelpDeskForm(page);
        form.Remove("Dates");
        var refused = await client.PostAsync(Page + "?handler=Map", new FormUrlEncodedContent(form));
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Say how this file writes its dates");
        (await ScalarAsync(database, "SELECT count(*)::text FROM tickets")).Should().Be("0");

        form["Dates"] = "month-first";
        var accepted = await client.PostAsync(Page + "?handler=Map", new FormUrlEncodedContent(form));
        (await FinishedPageAsync(client, JobId(accepted))).Should().Contain("Imported 3 rows");
        (await ScalarAsync(database,
                "SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM tickets WHERE source_id = 'C-1'"))
            .Should().Be("2023-05-07");
    }

    private static Dictionary<string, string> MapFields(string page) =>
        Html.Parse(page).One("form[action*='handler=Map']").Fields();

    /// <summary>
    /// Another field of the mapping row (<c>ColumnChoices[i]</c>, <c>ValueChoices[i]</c>) whose field
    /// <paramref name="key"/> holds <paramref name="value"/>: what the row proposes.
    /// </summary>
    private static string InRow(Dictionary<string, string> fields, string key, string value, string field)
    {
        var row = fields.Single(f => f.Key.EndsWith(key, StringComparison.Ordinal) && f.Value == value).Key;
        return fields[row[..^key.Length] + field];
    }

    private static async Task<string?> ScalarAsync(TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() as string;
    }
}
