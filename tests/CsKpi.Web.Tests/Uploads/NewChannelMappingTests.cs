using System.Net;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;

namespace CsKpi.Web.Tests.Uploads;

/// <summary>The mapping step translates a value to a channel the list does not have yet: added with the import.
/// </summary>
public partial class UploadPageTests
{
    [Fact]
    public async Task A_value_translated_to_a_new_channel_on_the_mapping_step_adds_it_with_the_import()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Admin);
        var (_, mappingPage) = await PostUploadAsync(client, "tickets", "cases.csv", HelpDeskExport);

        var offered = Html.Parse(mappingPage).One("select[aria-label='What Web Form means']");
        offered.QuerySelectorAll("option").Select(o => o.GetAttribute("value")).Should().Contain(
            ["phone", "email", "in_person", "+web_form"], "the listed channels, and the value as a new one");
        offered.One("option[value='+web_form']").TextContent.Trim().Should().Be("a new channel: Web Form (web_form)");
        (await ScalarAsync(database, "SELECT count(*)::text FROM channels")).Should().Be("5", "nothing added yet");

        var form = HelpDeskForm(mappingPage);
        form["ValueChoices[2].To"] = "+web_form";
        var confirm = await client.PostAsync(Page + "?handler=Map", new FormUrlEncodedContent(form));

        confirm.StatusCode.Should().Be(HttpStatusCode.Redirect, await confirm.Content.ReadAsStringAsync());
        (await FinishedPageAsync(client, JobId(confirm))).Should().Contain("Imported 3 rows");
        (await ScalarAsync(database,
                "SELECT code || '=' || name_en || '/' || name_nl FROM channels WHERE position = 6"))
            .Should().Be("web_form=Web Form/Web Form");
        (await ScalarAsync(database, "SELECT channel FROM tickets WHERE source_id = 'C-2'")).Should().Be("web_form");
    }
}
