using System.Net;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Web.Tests.Accounts;

/// <summary>Admin → Users through its forms, as an admin does it.</summary>
public class UsersPageTests
{
    private const string Page = "/Admin/Users";

    [Fact]
    public async Task An_admin_creates_an_agent_user_linked_by_email_who_then_signs_in_with_the_password_shown_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new Core.Tests.Kpis.KpiData(database.CreateContext()))
        {
            data.Agent("A7", team: "Billing").Email = "Eva.Jansen@Example.com";
            await data.SaveAsync();
        }
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        var html = await PostAsync(admin, "Create",
            new() { ["Email"] = "eva.jansen@example.com", ["Role"] = "Agent", ["AgentId"] = "" });

        html.Should().Contain("eva.jansen@example.com can now sign in as Agent");
        var password = Html.Parse(html).One("code[data-new-password]").TextContent;
        password.Should().HaveLength(20);
        await using (var db = database.CreateContext())
            (await db.Users.SingleAsync(u => u.Email == "eva.jansen@example.com")).AgentId.Should().Be("A7");
        var agent = factory.CreateClient();
        (await agent.SignInAsync("eva.jansen@example.com", password)).Headers.Location!.ToString()
            .Should().Be("/MyStats");
        (await admin.GetStringAsync(Page)).Should().NotContain(password, "the password is shown only once");
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_a_reason_and_nothing_is_created()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        (await PostAsync(admin, "Create",
                new() { ["Email"] = "nobody@example.com", ["Role"] = "Agent", ["AgentId"] = "" }))
            .Should().Contain("No agent has the email nobody@example.com: give the agent&#x27;s id.");
        (await PostAsync(admin, "Create",
                new() { ["Email"] = "x@example.com", ["Role"] = "Agent", ["AgentId"] = "ZZ9" }))
            .Should().Contain("There is no agent with the id ZZ9");
        (await PostAsync(admin, "Create", new() { ["Email"] = "not an email", ["Role"] = "Manager" }))
            .Should().Contain("is not an email address");
        (await PostAsync(admin, "Create", new() { ["Email"] = "boss@example.com", ["Role"] = "Owner" }))
            .Should().Contain("Unknown role");
        await using var db = database.CreateContext();
        (await db.Users.CountAsync()).Should().Be(1, "only the signed-in admin exists");
    }

    [Fact]
    public async Task Changing_a_role_and_deactivating_take_effect_on_the_users_open_session()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var admin = await factory.SignedInClientAsync(Roles.Admin);
        var (email, password) = await factory.CreateUserAsync(Roles.Manager);
        var manager = factory.CreateClient();
        await manager.SignInAsync(email, password);
        string id;
        await using (var db = database.CreateContext())
            id = (await db.Users.SingleAsync(u => u.Email == email)).Id;

        (await PostAsync(admin, "Role", new() { ["UserId"] = id, ["Role"] = "Admin", ["AgentId"] = "" }))
            .Should().Contain("Role changed.");
        (await manager.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect, "a role change ends the session");
        await manager.SignInAsync(email, password);
        (await manager.GetAsync(Page)).StatusCode.Should().Be(HttpStatusCode.OK, "now an admin");

        (await PostAsync(admin, "Deactivate", new() { ["UserId"] = id })).Should().Contain("User deactivated");
        (await manager.GetAsync(Page)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await manager.SignInAsync(email, password)).StatusCode
            .Should().Be(HttpStatusCode.OK, "refused: the form again");
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_deactivated_or_demoted()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var admin = await factory.SignedInClientAsync(Roles.Admin);
        string id;
        await using (var db = database.CreateContext())
            id = (await db.Users.SingleAsync()).Id;

        (await PostAsync(admin, "Deactivate", new() { ["UserId"] = id }))
            .Should().Contain("This is the last active admin");
        (await PostAsync(admin, "Role", new() { ["UserId"] = id, ["Role"] = "Manager" }))
            .Should().Contain("This is the last active admin");
        (await admin.GetAsync(Page)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_admin_issues_an_api_token_shown_once_that_opens_the_api_as_its_user()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var admin = await factory.SignedInClientAsync(Roles.Admin);
        var (email, _) = await factory.CreateUserAsync(Roles.Manager);
        string id;
        await using (var db = database.CreateContext())
            id = (await db.Users.SingleAsync(u => u.Email == email)).Id;

        var html = await PostAsync(admin, "Token", new() { ["UserId"] = id, ["TokenName"] = "Power BI" });

        var token = Html.Parse(html).One("code[data-new-token]").TextContent;
        token.Should().StartWith("cskpi_");
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization =
            new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        (await api.GetAsync("/api/kpis?from=2026-03-01&to=2026-04-01")).StatusCode.Should().Be(HttpStatusCode.OK);
        await using (var db = database.CreateContext())
            (await db.ApiTokens.SingleAsync()).Hash.Should().NotContain(token[6..], "only the hash is stored");

        (await PostAsync(admin, "RevokeTokens", new() { ["UserId"] = id })).Should().Contain("1 API token(s) revoked.");
        (await api.GetAsync("/api/kpis?from=2026-03-01&to=2026-04-01")).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized);
    }

    private static async Task<string> PostAsync(HttpClient client, string handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Html.AntiforgeryToken(await client.GetStringAsync(Page));
        var response = await client.PostAsync($"{Page}?handler={handler}", new FormUrlEncodedContent(fields));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }
}
