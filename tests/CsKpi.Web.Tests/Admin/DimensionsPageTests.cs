using System.Net;
using System.Text.Json;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Kpis;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Web.Tests.Admin;

/// <summary>
/// Admin → Dimensions: an admin names a survey dimension per language; the dashboard shows the name in the reader's
/// language, else the English one, else the code made readable.
/// </summary>
public class DimensionsPageTests
{
    private const string Page = "/Admin/Dimensions";
    private const string March = "period=custom&from=2026-03-01&to=2026-03-31";

    [Fact]
    public async Task A_named_dimension_shows_by_its_name_and_other_languages_fall_back()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            for (var i = 0; i < 12; i++)
            {
                data.Survey(SurveyKind.Csat, 1 + (i % 5), $"2026-03-{2 + i:00}T10:00:00Z", null, null,
                    ("speed", 1 + (i % 5)), ("first_contact", 1 + ((i + 1) % 5)));
            }
            await data.SaveAsync();
        }
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        var listed = await admin.GetDocumentAsync(Page);
        listed.QuerySelectorAll("tr[data-dimension]").Select(r => r.GetAttribute("data-dimension"))
            .Should().Equal("first_contact", "speed");
        var html = WebUtility.HtmlDecode(await PostAsync(admin, new()
        {
            ["Dimension"] = "speed",
            ["Names[en]"] = "Response speed",
            ["Names[it]"] = "Rapidità",
            ["Names[pl]"] = "",
            ["Names[nl]"] = "",
        }));

        html.Should().Contain("Names of speed saved.");
        Html.Parse(html).One("tr[data-dimension=speed] input[name='Names[it]']").GetAttribute("value")
            .Should().Be("Rapidità");
        (await DimensionLabelsAsync(admin, "en")).Should().BeEquivalentTo("Response speed", "First contact");
        (await DimensionLabelsAsync(admin, "it")).Should().BeEquivalentTo("Rapidità", "First contact");
        (await DimensionLabelsAsync(admin, "pl")).Should().BeEquivalentTo(["Response speed", "First contact"],
            "a language without a name falls back to English, then to the readable code");
        var drivers = await admin.GetDocumentAsync("/Drivers?culture=it&" + March);
        drivers.QuerySelectorAll("tbody th[scope=row]").Select(th => th.TextContent.Trim())
            .Should().Contain("Rapidità");
    }

    [Fact]
    public async Task A_name_too_long_is_refused_and_nothing_is_saved()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        var html = WebUtility.HtmlDecode(await PostAsync(admin, new()
        {
            ["Dimension"] = "speed",
            ["Names[en]"] = new string('x', 61),
        }));

        html.Should().Contain("A dimension name is at most 60 characters.");
        await using var db = database.CreateContext();
        (await db.DimensionNames.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Only_admins_open_the_page()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var manager = await factory.SignedInClientAsync(Roles.Manager);

        (await manager.GetAsync(Page)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private static async Task<List<string>> DimensionLabelsAsync(HttpClient client, string culture)
    {
        var page = await client.GetDocumentAsync($"/?culture={culture}&" + March);
        var script = page.One("script[type='application/json'][id='csat-dimensions-data']");
        using var chart = JsonDocument.Parse(script.TextContent);
        return [.. chart.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!)];
    }

    private static async Task<string> PostAsync(HttpClient client, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Html.AntiforgeryToken(await client.GetStringAsync(Page));
        var response = await client.PostAsync(Page, new FormUrlEncodedContent(fields));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }
}
