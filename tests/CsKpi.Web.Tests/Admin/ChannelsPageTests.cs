using System.Net;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Kpis;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Web.Tests.Admin;

/// <summary>Admin → Channels through its forms; an added channel then shows wherever channels are listed.</summary>
public class ChannelsPageTests
{
    private const string Page = "/Admin/Channels";
    private const string March = "period=custom&from=2026-03-01&to=2026-03-31";

    private static Dictionary<string, string> Web(string code = "web", string italian = "Sito web") => new()
    {
        ["Code"] = code,
        ["Names[en]"] = "Web",
        ["Names[it]"] = italian,
        ["Names[pl]"] = "Strona",
        ["Names[nl]"] = "Website",
    };

    [Fact]
    public async Task An_added_channel_is_listed_then_offered_by_the_filters_and_targets_in_the_readers_language()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Ticket("2026-03-02T08:00:00Z", Channel.Phone);
            await data.SaveAsync();
        }
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        var html = WebUtility.HtmlDecode(await PostAsync(admin, Web("Web")));

        html.Should().Contain("Channel web added.");
        var page = Html.Parse(html);
        page.QuerySelectorAll("tr[data-channel]").Select(r => r.GetAttribute("data-channel"))
            .Should().Equal("phone", "email", "chat", "social", "in_person", "web");
        page.One("tr[data-channel=web] input[name='Names[it]']").GetAttribute("value").Should().Be("Sito web");

        var filter = (await admin.GetDocumentAsync("/?" + March)).One("select[name=channel]");
        filter.QuerySelectorAll("option").Select(o => (o.GetAttribute("value"), o.TextContent)).Should().Equal(
            ("", "All channels"), ("phone", "phone"), ("email", "email"), ("chat", "chat"), ("social", "social"),
            ("in_person", "in person"), ("web", "Web"));
        var italian = (await admin.GetDocumentAsync("/?culture=it&" + March)).One("select[name=channel]");
        italian.QuerySelectorAll("option").Select(o => o.TextContent).Should()
            .Contain(["telefono", "di persona", "Sito web"]);
        var targets = await admin.GetDocumentAsync("/Admin/Targets");
        targets.QuerySelectorAll("input[name=Scope][value='channel:web']").Should().HaveCount(1,
            "the target time with the customer has a row for the new channel");
        var (text, web) = Html.Read(await admin.GetStringAsync("/?channel=Web&" + March));
        text.Should().NotContain("Unknown channel");
        web.One("select[name=channel] option[selected]").GetAttribute("value").Should().Be("web");
    }

    [Fact]
    public async Task Renaming_a_channel_changes_its_names_and_keeps_its_code()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        var html = WebUtility.HtmlDecode(await PostAsync(admin, new()
        {
            ["Code"] = "in_person",
            ["Names[en]"] = "In person",
            ["Names[it]"] = "Di persona",
            ["Names[pl]"] = "Osobiście",
            ["Names[nl]"] = "Persoonlijk",
        }, "Rename"));

        html.Should().Contain("Names of in_person saved.");
        await using var db = database.CreateContext();
        var channel = await db.Channels.SingleAsync(c => c.Code == "in_person");
        (channel.NameEn, channel.NameIt, channel.NamePl, channel.NameNl)
            .Should().Be(("In person", "Di persona", "Osobiście", "Persoonlijk"));
        (await db.Channels.CountAsync()).Should().Be(5);
    }

    [Theory]
    [InlineData("web site!", "Sito web", "Add", "'web site!' cannot be a channel code")]
    [InlineData("phone", "Sito web", "Add", "The channel phone is already in the list.")]
    [InlineData("web", "", "Add", "Give the channel a name in every language.")]
    [InlineData("phone", "", "Rename", "Give the channel a name in every language.")]
    [InlineData("fax", "Fax", "Rename", "Unknown channel 'fax'.")]
    public async Task An_impossible_channel_or_name_is_refused_with_the_reason_and_nothing_changed(
        string code, string italian, string handler, string reason)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        var html = WebUtility.HtmlDecode(await PostAsync(admin, Web(code, italian), handler));

        html.Should().Contain(reason);
        await using var db = database.CreateContext();
        (await db.Channels.CountAsync()).Should().Be(5);
        (await db.Channels.SingleAsync(c => c.Code == "phone")).NameIt.Should().Be("telefono");
    }

    [Fact]
    public async Task A_manager_neither_opens_the_page_nor_changes_the_list()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var admin = await factory.SignedInClientAsync(Roles.Admin);
        var other = await factory.SignedInClientAsync(Roles.Manager);
        var fields = Web();
        fields["__RequestVerificationToken"] = Html.AntiforgeryToken(await admin.GetStringAsync(Page));

        (await other.GetAsync(Page)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await other.PostAsync($"{Page}?handler=Add", new FormUrlEncodedContent(fields))).StatusCode
            .Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.BadRequest);
        (await admin.GetStringAsync("/Admin/Targets")).Should().Contain("href=\"/Admin/Channels\"",
            "the admin navigation leads to it");
        await using var db = database.CreateContext();
        (await db.Channels.CountAsync()).Should().Be(5);
    }

    private static async Task<string> PostAsync(
        HttpClient client, Dictionary<string, string> fields, string handler = "Add")
    {
        fields["__RequestVerificationToken"] = Html.AntiforgeryToken(await client.GetStringAsync(Page));
        var response = await client.PostAsync($"{Page}?handler={handler}", new FormUrlEncodedContent(fields));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }
}
