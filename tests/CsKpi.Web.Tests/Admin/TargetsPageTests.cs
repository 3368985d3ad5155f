using System.Net;
using AngleSharp.Dom;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Kpis;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Web.Tests.Admin;

/// <summary>Admin → Targets through its forms; the status then shows on the dashboard.</summary>
public class TargetsPageTests
{
    private const string Page = "/Admin/Targets";
    private const string March = "period=custom&from=2026-03-01&to=2026-03-31";

    [Fact]
    public async Task A_company_target_and_a_team_target_set_here_give_the_status_on_the_overview()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            var billing = data.Agent("A1", team: "Billing");
            var orders = data.Agent("B1", team: "Orders");
            var ticket = data.Ticket("2026-03-02T08:00:00Z", agent: billing);
            foreach (var score in new[] { 5, 5, 4, 3, 2 })
                data.Survey(SurveyKind.Csat, score, "2026-03-10T10:00:00Z", ticket, billing); // Billing CSAT 60 %
            var other = data.Ticket("2026-03-02T08:00:00Z", agent: orders);
            foreach (var score in new[] { 5, 5, 5, 5, 5 })
                data.Survey(SurveyKind.Csat, score, "2026-03-10T10:00:00Z", other, orders); // company CSAT 80 %
            await data.SaveAsync();
        }
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        (await PostAsync(admin, new() { ["Kpi"] = "csat", ["Scope"] = "company", ["Value"] = "82" }))
            .Should().Contain("Target saved.");
        (await PostAsync(admin, new() { ["Kpi"] = "csat", ["Scope"] = "team:Billing", ["Value"] = "60" }))
            .Should().Contain("Target saved.");
        (await PostAsync(admin, new() { ["Kpi"] = "csat", ["Scope"] = "company", ["Value"] = "90" }))
            .Should().Contain("Target saved.", "setting again replaces");

        await using (var db = database.CreateContext())
            (await db.Targets.CountAsync()).Should().Be(2);
        Status(await admin.GetDocumentAsync("/?" + March), "csat")
            .Should().Be("target-off", "80 % is more than 5 % below 90 %");
        Status(await admin.GetDocumentAsync("/?team=Billing&" + March), "csat")
            .Should().Be("target-on", "Billing's own target, 60 %");
        var breakdown = await admin.GetDocumentAsync("/Breakdown?by=team&" + March);
        BreakdownStatus(breakdown, "Billing").Should().Be("status-on", "a team's row is held to the team's target");
        BreakdownStatus(breakdown, "Orders").Should().Be("status-on",
            "Orders has no target of its own: the company's 90 % applies, and 100 % meets it");
    }

    [Fact]
    public async Task The_per_channel_target_time_is_saved_in_seconds_and_listed()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        var html = WebUtility.HtmlDecode(await PostAsync(admin,
            new() { ["Kpi"] = "time_with_customer_avg", ["Scope"] = "channel:phone", ["Value"] = "330" }));

        html.Should().Contain("Target saved.").And.Contain("5 min 30 s");
        await using var db = database.CreateContext();
        var target = await db.Targets.SingleAsync();
        (target.KpiKey, target.Channel, target.Value, target.TeamId)
            .Should().Be(("time_with_customer_avg", Channel.Phone, 330d, (int?)null));
    }

    [Theory]
    [InlineData("csat", "company", "120", "Customer satisfaction runs from 0 to 100")]
    [InlineData("nps", "company", "-101", "Net Promoter Score runs from -100 to 100")]
    [InlineData("aht", "company", "-5", "Average handle time cannot be negative.")]
    [InlineData("aht", "company", "soon", "The target must be a number.")]
    [InlineData("churn", "team:Billing", "2", "Churn rate is company-wide")]
    [InlineData("csat", "team:Nowhere", "80", "Unknown team &#x27;Nowhere&#x27;.")]
    [InlineData("nonsense", "company", "1", "Unknown KPI &#x27;nonsense&#x27;.")]
    public async Task An_impossible_target_is_refused_with_the_reason_and_nothing_saved(
        string kpi, string scope, string value, string reason)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Agent("A1", team: "Billing");
            await data.SaveAsync();
        }
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        (await PostAsync(admin, new() { ["Kpi"] = kpi, ["Scope"] = scope, ["Value"] = value }))
            .Should().Contain(reason);

        await using var db = database.CreateContext();
        (await db.Targets.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_target_is_removed()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var admin = await factory.SignedInClientAsync(Roles.Admin);
        await PostAsync(admin, new() { ["Kpi"] = "fcr", ["Scope"] = "channel:chat", ["Value"] = "75" });
        int id;
        await using (var db = database.CreateContext())
            id = (await db.Targets.SingleAsync()).Id;

        (await PostAsync(admin, new() { ["Id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            "Remove")).Should().Contain("Target removed.");

        await using (var db = database.CreateContext())
            (await db.Targets.CountAsync()).Should().Be(0);
    }

    private static async Task<string> PostAsync(
        HttpClient client, Dictionary<string, string> fields, string handler = "Set")
    {
        fields["__RequestVerificationToken"] = Html.AntiforgeryToken(await client.GetStringAsync(Page));
        var response = await client.PostAsync($"{Page}?handler={handler}", new FormUrlEncodedContent(fields));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// The status class of the csat cell (the second KPI column, after ticket volume) in the breakdown row whose
    /// heading links <paramref name="row"/>.
    /// </summary>
    private static string BreakdownStatus(IParentNode breakdown, string row) =>
        breakdown.QuerySelectorAll("tr").First(tr => tr.QuerySelector("th > a")?.TextContent == row)
            .QuerySelectorAll("td")[1].GetAttribute("class")!;

    /// <summary>The target-… class of a KPI's card on the overview.</summary>
    private static string Status(IParentNode page, string kpi) =>
        page.One($"article.card[data-kpi='{kpi}']").ClassList
            .Single(c => c.StartsWith("target-", StringComparison.Ordinal));
}
