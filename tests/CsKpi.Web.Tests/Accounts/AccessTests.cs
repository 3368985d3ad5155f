using System.Net;
using AngleSharp.Dom;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Kpis;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Accounts;
using CsKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests.Accounts;

/// <summary>
/// Two teams: Billing (agents A1, A2: 1 and 2 tickets in March 2026) and Orders (B1: 1 ticket), eNPS responses
/// (Billing 6, Orders 2); one app and one user per role, shared read-only by the tests.
/// </summary>
public sealed class AccessFixture : SeededApp
{
    public HttpClient Anonymous { get; private set; } = null!;
    public HttpClient Agent { get; private set; } = null!;
    public HttpClient Manager { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;

    private protected override void Seed(KpiData data)
    {
        var a1 = data.Agent("A1", team: "Billing");
        var a2 = data.Agent("A2", team: "Billing");
        var b1 = data.Agent("B1", team: "Orders");
        data.Ticket("2026-03-02T08:00:00Z", agent: a1);
        data.Ticket("2026-03-03T08:00:00Z", agent: a2);
        data.Ticket("2026-03-04T08:00:00Z", agent: a2);
        data.Ticket("2026-03-05T08:00:00Z", agent: b1);
        // Employee surveys: Billing 6 (A1 3, A2 3) — enough for a team figure, not for one person's; Orders 2.
        foreach (var (who, score) in new[] { (a1, 9), (a1, 10), (a1, 6), (a2, 9), (a2, 3), (a2, 8), (b1, 10), (b1, 2) })
            data.Survey(SurveyKind.Enps, score, "2026-03-10T09:00:00Z", agent: who);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Anonymous = Factory.CreateClient();
        Agent = await Factory.SignedInClientAsync(Roles.Agent, agentId: "A1");
        Manager = await Factory.SignedInClientAsync(Roles.Manager);
        Admin = await Factory.SignedInClientAsync(Roles.Admin);
    }
}

public class AccessTests(AccessFixture app) : IClassFixture<AccessFixture>
{
    private const string March = "period=custom&from=2026-03-01&to=2026-03-31";

    /// <summary>Every page and the policy it must declare. A new page fails this test until it is added here.</summary>
    private static readonly Dictionary<string, string> ExpectedAccess = new()
    {
        ["/Index"] = Policies.Managers,
        ["/Breakdown/Index"] = Policies.Managers,
        ["/Drivers/Index"] = Policies.Managers,
        ["/Backlog/Index"] = Policies.Managers,
        ["/Heatmap/Index"] = Policies.Managers,
        ["/Comments/Index"] = Policies.Managers,
        ["/MyStats/Index"] = Policies.SignedIn,
        ["/Benchmarks/Index"] = Policies.SignedIn,
        ["/Records/Index"] = Policies.SignedIn,
        ["/Admin/Uploads/Index"] = Policies.Admins,
        ["/Admin/Users/Index"] = Policies.Admins,
        ["/Admin/Targets/Index"] = Policies.Admins,
        ["/Admin/Channels/Index"] = Policies.Admins,
        ["/Admin/Dimensions/Index"] = Policies.Admins,
        ["/Account/ChangePassword"] = Policies.SignedIn,
        ["/Account/SignOut"] = Policies.SignedIn,
        ["/Account/SignIn"] = "anonymous",
        ["/Error"] = "anonymous",
        ["/Language"] = "anonymous",
    };

    /// <summary>The other endpoints and their access, by route.</summary>
    private static readonly Dictionary<string, string> ExpectedEndpointAccess = new()
    {
        ["/api/kpis"] = Policies.Api,
        ["/api/drivers"] = Policies.Api,
        ["/healthz"] = "anonymous",
        ["/openapi/{documentName}.json"] = "anonymous",
    };

    [Fact]
    public void Every_page_and_endpoint_declares_who_may_open_it()
    {
        var endpoints = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>().ToList();
        var pages = endpoints
            .Select(e => (Page: e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath, e.Metadata))
            .Where(e => e.Page is not null)
            .GroupBy(e => e.Page!)
            .ToDictionary(g => g.Key, g => Access(g.First().Metadata));
        var others = endpoints
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null)
            .GroupBy(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .ToDictionary(g => g.Key, g => Access(g.First().Metadata));

        pages.Should().BeEquivalentTo(ExpectedAccess,
            "each page names its policy with [Authorize(Policy = …)] or [AllowAnonymous]; "
            + "add a new page to this table deliberately");
        others.Should().BeEquivalentTo(ExpectedEndpointAccess, "each endpoint names its policy or AllowAnonymous");
    }

    public static TheoryData<string> ProtectedUrls => new()
    {
        "/", "/Breakdown?by=agent", "/Breakdown?by=team&handler=Csv&" + March, "/Drivers", "/MyStats",
        "/Admin/Uploads", "/Admin/Uploads?handler=Progress&job=" + Guid.Empty, "/Admin/Users",
        "/Account/ChangePassword",
    };

    [Theory]
    [MemberData(nameof(ProtectedUrls))]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string url)
    {
        var response = await app.Anonymous.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/Account/SignIn?ReturnUrl=");
    }

    public static TheoryData<string> ManagerUrls => new()
    {
        "/?" + March, "/?team=Billing&" + March, "/?agent=A1&" + March, "/Breakdown?by=agent&" + March,
        "/Breakdown?by=team&handler=Csv&" + March, "/Breakdown?by=agent&handler=Csv&team=Billing&" + March,
        "/Drivers?" + March, "/Backlog?" + March, "/Heatmap?" + March, "/Comments?" + March,
    };

    [Theory]
    [MemberData(nameof(ManagerUrls))]
    public async Task An_agent_gets_403_from_manager_pages_and_exports_whatever_the_query(string url)
    {
        var response = await app.Agent.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().Contain("Not for your account").And.NotContain("data-kpi=");
        (await app.Manager.GetAsync(url)).StatusCode
            .Should().Be(HttpStatusCode.OK, "managers see every dashboard and export");
    }

    public static TheoryData<string> AdminUrls => new()
    {
        "/Admin/Uploads", "/Admin/Users", "/Admin/Targets", "/Admin/Uploads?handler=Errors&job=" + Guid.Empty,
        "/Admin/Channels", "/Admin/Dimensions",
    };

    [Theory]
    [MemberData(nameof(AdminUrls))]
    public async Task Only_admins_open_admin_pages(string url)
    {
        (await app.Agent.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.Manager.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.Admin.GetAsync(url)).StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_agent_sees_their_own_numbers_next_to_their_teams()
    {
        var (html, page) = Html.Read(await app.Agent.GetStringAsync("/MyStats?" + March));

        html.Should().Contain("My stats: Agent A1");
        // #19 point 2: the team's column is its average per agent (3 tickets / A1 and A2), its total beside it.
        Row(page, "ticket_volume").Should().Be(("1", "1.5 average per agent", "3"),
            "A1 has one ticket, team Billing three between two agents");
        html.Should().NotContain(">B1<").And.NotContain("Agent B1").And.NotContain("Orders",
            "nothing of the other team reaches the page (tokens are random text, so look for whole values)");
    }

    public static TheoryData<string> OtherPeoplesNumbers => new()
    {
        "/MyStats?agent=A2&" + March, "/MyStats?agent=B1&" + March, "/MyStats?team=Orders&" + March,
        "/MyStats?agent=B1&team=Billing&" + March, "/MyStats?agent=NOBODY&" + March, "/MyStats?team=Nowhere&" + March,
        "/Benchmarks?agent=B1&" + March, "/Benchmarks?agent=NOBODY&" + March, "/Benchmarks?team=Nowhere&" + March,
    };

    [Theory]
    [MemberData(nameof(OtherPeoplesNumbers))]
    public async Task An_agent_who_edits_the_query_for_someone_else_gets_403(string url)
    {
        var response = await app.Agent.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("data-kpi=");
    }

    [Fact]
    public async Task An_agent_may_name_themselves_and_their_own_team()
    {
        (await app.Agent.GetAsync("/MyStats?agent=A1&" + March)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.Agent.GetAsync("/MyStats?team=Billing&" + March)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_manager_chooses_whose_stats_to_see()
    {
        var (html, page) = Html.Read(await app.Manager.GetStringAsync("/MyStats?agent=B1&" + March));

        // #19: a manager looking at an agent reads whose stats they are, not "My stats"/"My KPIs".
        html.Should().Contain("<h1>Stats of Agent B1 (B1)</h1>").And.NotContain("My KPIs");
        Row(page, "ticket_volume").Should().Be(("1", "1.0 average per agent", "1"));
    }

    [Fact]
    public async Task An_agent_cannot_post_an_upload()
    {
        var token = Html.AntiforgeryToken(await app.Agent.GetStringAsync("/MyStats"));
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("agents"), "Kind" },
            { new ByteArrayContent("agent_id,name\nX1,Mallory\n"u8.ToArray()), "CsvFile", "agents.csv" },
        };

        var response = await app.Agent.PostAsync("/Admin/Uploads?handler=Upload", content);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using var db = app.Database.CreateContext();
        db.Agents.Should().NotContain(a => a.SourceId == "X1");
    }

    [Fact]
    public async Task Responses_carry_a_content_security_policy_allowing_only_the_apps_own_scripts()
    {
        foreach (var url in new[] { "/Account/SignIn", "/lib/chart.js/chart.umd.js", "/?" + March })
        {
            var response = await app.Manager.GetAsync(url);
            response.Headers.GetValues("Content-Security-Policy").Single()
                .Should().Contain("script-src 'self'").And.Contain("default-src 'self'");
            response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
            response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        }
    }

    [Fact]
    public async Task Health_stays_open_for_load_balancers() =>
        (await app.Anonymous.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);

    private static string Access(EndpointMetadataCollection metadata) =>
        metadata.GetMetadata<IAllowAnonymous>() is not null ? "anonymous"
        : string.Join(",",
            metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? a.Roles ?? "(default)"));

    /// <summary>The "Me", "My team" and team total cells of a KPI's row on My stats.</summary>
    private static (string Mine, string Team, string TeamTotal) Row(IParentNode page, string kpi)
    {
        var cells = page.One($"tr[data-kpi='{kpi}']").Cells();
        return (cells[0], cells[2], cells[4]);
    }
}
