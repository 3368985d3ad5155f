using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;

namespace CsKpi.Web.Tests.Uploads;

/// <summary>The mapping step shows the encoding detected from the file and re-reads the preview in another.</summary>
public partial class UploadPageTests
{
    private const string WesternExport = "Agent Code,Full Name,Group\nX1,José Muñoz,Señales\nX2,Zoë Brontë,Café\n";

    [Fact]
    public async Task Preview_shows_the_detected_encoding_and_a_chosen_one_re_reads_the_file_and_goes_to_the_import()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Admin);
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(WesternExport);

        var page = await PostUploadBytesAsync(client, "agents", "agents.csv", bytes);

        var html = Html.Parse(page);
        html.One("#encoding-status").TextContent.Should().Be("Encoding: Windows-1252 (detected)");
        html.One("select[name=Encoding] option[selected]").GetAttribute("value").Should().Be("windows-1252");
        PreviewCells(page).Should().Contain("José Muñoz").And.Contain("Señales");

        var form = MapFields(page);
        form["Encoding"] = "iso-8859-2";
        form["Step"] = "check";
        var reread = await (await client.PostAsync(Page + "?handler=Map", new FormUrlEncodedContent(form)))
            .Content.ReadAsStringAsync();

        Html.Parse(reread).One("#encoding-status").TextContent.Should()
            .Be("Encoding: ISO-8859-2 (chosen; detected: Windows-1252)");
        PreviewCells(reread).Should().Contain("José Muńoz", "ñ (0xF1) is ń in ISO-8859-2").And.NotContain("José Muñoz");

        form = MapFields(reread);
        form["Encoding"] = "windows-1252";
        SetInRow(form, "0.agent_id", "Agent Code");
        SetInRow(form, "0.name", "Full Name");
        SetInRow(form, "0.team", "Group");
        form["SaveAs"] = "Western";
        form["Step"] = "import";
        var accepted = await client.PostAsync(Page + "?handler=Map", new FormUrlEncodedContent(form));

        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect, await accepted.Content.ReadAsStringAsync());
        (await FinishedPageAsync(client, JobId(accepted))).Should().Contain("Imported 2 rows");
        (await ScalarAsync(database, "SELECT string_agg(a.name || '@' || t.name, ',' ORDER BY a.source_id) " +
            "FROM agents a JOIN teams t ON t.id = a.team_id")).Should().Be("José Muñoz@Señales,Zoë Brontë@Café");
        (await ScalarAsync(database, "SELECT definition::text FROM saved_mappings WHERE name = 'Western'"))
            .Should().NotContain("encoding", "the encoding detected is detected again next time: only a different " +
                "choice is remembered");
    }

    [Fact]
    public async Task A_file_forced_to_utf8_is_rejected_with_the_line_column_and_advice_in_the_readers_language()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Admin);
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1252)!
            .GetBytes("agent_id,name,team\nA1,José,Blue\n");

        var response = await SendUploadBytesAsync(client, "agents", "agents.csv", bytes, "utf-8");
        var done = await FinishedPageAsync(client, JobId(response));

        done.Should().Contain("Nothing was imported");
        Html.Parse(done).QuerySelectorAll("table tbody tr")
            .Select(r => string.Join("|", r.QuerySelectorAll("td").Select(c => c.TextContent.Trim())))
            .Should().Contain(r => r.StartsWith("2|name|", StringComparison.Ordinal)
                && r.Contains("choose the file's encoding", StringComparison.Ordinal));
    }

    private static void SetInRow(Dictionary<string, string> form, string target, string header)
    {
        var row = form.Single(f => f.Key.EndsWith(".Target", StringComparison.Ordinal) && f.Value == target).Key;
        form[row[..^".Target".Length] + ".Header"] = header;
    }

    private static List<string> PreviewCells(string page) =>
        [.. Html.Parse(page).QuerySelectorAll(".mapping table tbody td").Select(c => c.TextContent)];

    private static async Task<string> PostUploadBytesAsync(HttpClient client, string kind, string fileName,
        byte[] bytes)
    {
        var response = await SendUploadBytesAsync(client, kind, fileName, bytes, "");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<HttpResponseMessage> SendUploadBytesAsync(HttpClient client, string kind,
        string fileName, byte[] bytes, string encoding)
    {
        var form = await client.GetStringAsync(Page);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Token(form)), "__RequestVerificationToken" },
            { new StringContent(kind), "Kind" },
            { new StringContent(encoding), "Encoding" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "CsvFile", fileName);
        return await client.PostAsync(Page + "?handler=Upload", content);
    }
}
