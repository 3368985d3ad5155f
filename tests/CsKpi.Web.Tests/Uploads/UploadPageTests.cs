using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CsKpi.Web.Tests.Uploads;

public partial class UploadPageTests
{
    private const string Page = "/Admin/Uploads";

    [Fact]
    public async Task A_canonical_file_imports_in_the_background_and_shows_its_summary_and_history()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Admin);

        var job = await UploadAsync(client, "agents", "agents.csv", "agent_id,name,team\nA1,Anna,Blue\nA2,Bob,Red\n");
        var page = await FinishedPageAsync(client, job);

        page.Should().Contain("Imported 2 rows").And.Contain("<dt>Inserted</dt><dd>2</dd>");
        page.Should().Contain("<td>agents.csv</td>").And.Contain("Succeeded");
    }

    [Fact]
    public async Task Foreign_headers_get_a_proposed_mapping_with_a_preview_and_import_once_confirmed()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Admin);

        var (status, mappingPage) =
            await PostUploadAsync(client, "agents", "export.csv", "Agent;Full Name;Group\nX7;Eva Jansen;Support\n");

        status.Should().Be(HttpStatusCode.OK);
        mappingPage.Should().Contain("Match the columns of export.csv");
        mappingPage.Should().Contain("<option value=\"Agent\" selected=\"selected\">Agent</option>",
            "agent_id is proposed from the similar header");
        mappingPage.Should().Contain("<td>Eva Jansen</td>", "the first rows are previewed");
        var upload = UploadId(mappingPage);

        var confirm = await client.PostAsync(Page + "?handler=Map",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Token(mappingPage),
                ["Kind"] = "agents",
                ["Upload"] = upload,
                ["FileName"] = "export.csv",
                ["Kinds[0]"] = "agents",
                ["ColumnChoices[0].Target"] = "0.agent_id",
                ["ColumnChoices[0].Header"] = "Agent",
                ["ColumnChoices[1].Target"] = "0.name",
                ["ColumnChoices[1].Header"] = "Full Name",
                ["ColumnChoices[2].Target"] = "0.team",
                ["ColumnChoices[2].Header"] = "Group",
                ["Dates"] = "iso",
                ["Step"] = "import",
            }));
        confirm.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = await FinishedPageAsync(client, JobId(confirm));

        page.Should().Contain("Imported 1 rows");
    }

    [Fact]
    public async Task A_broken_file_lists_every_error_and_offers_them_as_an_escaped_csv()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Admin);

        var job = await UploadAsync(client, "tickets", "tickets.csv",
            "ticket_id,created_at,channel\nT1,2026-03-01T10:00:00Z,=HYPERLINK(1)\nT2,soon,chat\n");
        var page = await FinishedPageAsync(client, job);

        page.Should().Contain("Nothing was imported").And.Contain("unknown channel").And.Contain("not a timestamp");
        var csv = await client.GetStringAsync($"{Page}?handler=Errors&job={job}");
        csv.Split('\n')[0].Should().Be("line,column,value,reason");
        csv.Should().Contain("2,channel,'=HYPERLINK(1),").And.Contain("3,created_at,soon,");
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_with_a_clear_message()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString)
            .WithWebHostBuilder(b => b.UseSetting("Import:MaxUploadBytes", "2000"));
        var client = await factory.SignedInClientAsync(Roles.Admin);

        var (_, page) = await PostUploadAsync(client, "agents", "big.csv",
            "agent_id,name\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"A{i},Agent {i}\n")));

        page.Should().Contain("big.csv is 7.1 kB: uploads are limited to 2 kB.");
    }

    [Fact]
    public async Task Upload_posts_are_rate_limited_per_user_while_progress_polling_is_not()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString)
            .WithWebHostBuilder(b => b.UseSetting("RateLimits:UploadsPerMinute", "2"));
        var client = await factory.SignedInClientAsync(Roles.Admin);

        var first = await SendUploadAsync(client, "agents", "a.csv", "agent_id,name\nA1,Anna\n");
        var second = await SendUploadAsync(client, "agents", "a.csv", "agent_id,name\nA1,Anna\n");
        var third = await SendUploadAsync(client, "agents", "a.csv", "agent_id,name\nA1,Anna\n");

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.StatusCode.Should().Be(HttpStatusCode.Redirect);
        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await third.Content.ReadAsStringAsync()).Should().Contain("Too many attempts");
        await FinishedPageAsync(client, JobId(second)); // polls progress many times without being limited
    }

    private static async Task<string> UploadAsync(HttpClient client, string kind, string fileName, string csv)
    {
        var response = await SendUploadAsync(client, kind, fileName, csv);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return JobId(response);
    }

    private static async Task<(HttpStatusCode, string)> PostUploadAsync(HttpClient client, string kind, string fileName,
        string csv)
    {
        var response = await SendUploadAsync(client, kind, fileName, csv);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> SendUploadAsync(HttpClient client, string kind, string fileName,
        string csv, string? savedMapping = null)
    {
        var form = await client.GetStringAsync(Page);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Token(form)), "__RequestVerificationToken" },
            { new StringContent(kind), "Kind" },
            { new StringContent(savedMapping ?? ""), "SavedMapping" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "CsvFile", fileName);
        return await client.PostAsync(Page + "?handler=Upload", content);
    }

    private static async Task<string> FinishedPageAsync(HttpClient client, string job)
    {
        await Eventually.UntilAsync(async () =>
        {
            using var progress = JsonDocument.Parse(await client.GetStringAsync($"{Page}?handler=Progress&job={job}"));
            return progress.RootElement.GetProperty("done").GetBoolean();
        }, "the import finishes");
        return await client.GetStringAsync($"{Page}?job={job}");
    }

    private static string JobId(HttpResponseMessage redirect) =>
        JobQuery().Match(redirect.Headers.Location!.ToString()).Groups[1].Value;

    private static string Token(string html) => Html.AntiforgeryToken(html);

    [GeneratedRegex("job=([0-9a-f-]{36})")]
    private static partial Regex JobQuery();

    /// <summary>The id of the upload a mapping page asks about.</summary>
    private static string UploadId(string html) =>
        Html.Parse(html).One("input[name=Upload]").GetAttribute("value")!;
}
