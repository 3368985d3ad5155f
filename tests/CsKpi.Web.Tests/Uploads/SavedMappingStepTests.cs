using System.Globalization;
using System.Net;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;

namespace CsKpi.Web.Tests.Uploads;

/// <summary>
/// A saved mapping is applied only to the columns it was saved with, and saved only by an import that succeeds; a
/// rejected file's every error is downloadable.
/// </summary>
public partial class UploadPageTests
{
    [Fact]
    public async Task A_saved_mapping_chosen_for_other_columns_shows_what_differs_and_imports_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Admin);
        var (_, mappingPage) = await PostUploadAsync(client, "tickets", "cases.csv", HelpDeskExport);
        var confirm = await client.PostAsync(Page + "?handler=Map",
            new FormUrlEncodedContent(HelpDeskForm(mappingPage, saveAs: "Help desk monthly")));
        (await FinishedPageAsync(client, JobId(confirm))).Should().Contain("Imported 3 rows");
        (await ScalarAsync(database, "SELECT count(*)::text FROM saved_mappings")).Should().Be("1",
            "a successful import saves its mapping");

        // Another export: no Satisfaction column, a Priority column the saved file did not have.
        var other = HelpDeskExport.Replace(",Satisfaction\n", ",Priority\n", StringComparison.Ordinal)
            .Replace("C-1,", "C-9,", StringComparison.Ordinal);
        var response = await SendUploadAsync(client, "tickets", "other.csv", other, savedMapping: "Help desk monthly");

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the mapping step is shown, nothing is queued");
        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("was made for: nothing is imported until you check what differs")
            .And.Contain("Columns the mapping reads that this file lacks: Satisfaction")
            .And.Contain("Columns of this file the mapping would leave unused: Priority")
            .And.Contain("Left unmapped: surveys");
        (await ScalarAsync(database, "SELECT count(*)::text FROM tickets")).Should().Be("3");
        (await ScalarAsync(database, "SELECT count(*)::text FROM tickets WHERE source_id = 'C-9'")).Should().Be("0");
    }

    [Fact]
    public async Task A_rejected_import_saves_no_mapping()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Admin);
        var broken = HelpDeskExport.Replace("03/08/2023 14:00", "soon", StringComparison.Ordinal);
        var (_, mappingPage) = await PostUploadAsync(client, "tickets", "cases.csv", broken);

        var confirm = await client.PostAsync(Page + "?handler=Map",
            new FormUrlEncodedContent(HelpDeskForm(mappingPage, saveAs: "Help desk monthly")));

        confirm.StatusCode.Should().Be(HttpStatusCode.Redirect, await confirm.Content.ReadAsStringAsync());
        (await FinishedPageAsync(client, JobId(confirm))).Should().Contain("Nothing was imported");
        (await ScalarAsync(database, "SELECT count(*)::text FROM saved_mappings")).Should().Be("0");
    }

    [Fact]
    public async Task A_file_with_more_than_a_thousand_errors_shows_the_first_thousand_and_downloads_them_all()
    {
        const int rows = 1_500;
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Admin);
        var csv = "ticket_id,created_at,channel\n" + string.Concat(Enumerable.Range(1, rows).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"T{i},soon,chat\n")));

        var job = await UploadAsync(client, "tickets", "tickets.csv", csv);
        var page = await FinishedPageAsync(client, job);

        page.Should().Contain("(first 1,000 of 1,500)").And.Contain("The download holds every error.");
        Html.Parse(page).QuerySelectorAll("tbody tr")
            .Where(r => r.TextContent.Contains("soon", StringComparison.Ordinal)).Should().HaveCount(1_000);
        var download = (await client.GetStringAsync($"{Page}?handler=Errors&job={job}"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        download.Should().HaveCount(rows + 1);
        download.Skip(1).Select(l => l[..l.IndexOf(',', StringComparison.Ordinal)])
            .Should().Equal(Enumerable.Range(2, rows).Select(l => l.ToString(CultureInfo.InvariantCulture)));
        download.Skip(1).Should().AllSatisfy(l => l.Should().Contain(",created_at,soon,"));
    }
}
