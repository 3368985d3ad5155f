using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CsKpi.Core.Accounts;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Web.Tests.Accounts;
using CsKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests.Api;

/// <summary>
/// The JSON API over the access fixture: Billing (A1 1 ticket, A2 2), Orders (B1 1), eNPS Billing 6 / Orders 2.
/// </summary>
public class ApiTests(AccessFixture app) : IClassFixture<AccessFixture>
{
    private const string March = "from=2026-03-01&to=2026-04-01";

    [Fact]
    public async Task A_manager_gets_every_kpi_in_the_shape_of_cskpi_kpi_json()
    {
        using var json = await GetJsonAsync(app.Manager, "/api/kpis?" + March);
        var root = json.RootElement;

        root.GetProperty("from").GetString().Should().Be("2026-03-01");
        root.GetProperty("to").GetString().Should().Be("2026-04-01");
        root.GetProperty("timezone").GetString().Should().Be("UTC");
        root.GetProperty("filters").GetProperty("team").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("kpis").EnumerateObject().Select(p => p.Name)
            .Should().BeEquivalentTo(KpiRegistry.All.Select(k => k.Key));
        root.GetProperty("kpis").GetProperty("ticket_volume").GetProperty("value").GetDouble().Should().Be(4);
        root.GetProperty("kpis").GetProperty("ticket_volume").GetProperty("count").GetInt64().Should().Be(4);
        // eNPS of all 8: promoters 9,10,9,10 (4), detractors 6,3,2 (3) → (4 − 3) / 8 = 12.5
        root.GetProperty("kpis").GetProperty("enps").GetProperty("value").GetDouble()
            .Should().BeApproximately(12.5, 1e-9);
    }

    [Fact]
    public async Task Grouping_by_team_lists_each_team()
    {
        using var json = await GetJsonAsync(app.Manager, "/api/kpis?groupBy=team&" + March);

        var groups = json.RootElement.GetProperty("groups").EnumerateArray()
            .ToDictionary(g => g.GetProperty("key").GetString()!,
                g => g.GetProperty("kpis").GetProperty("ticket_volume").GetProperty("value").GetDouble());
        groups.Should().Equal(new Dictionary<string, double> { ["Billing"] = 3, ["Orders"] = 1 });
        json.RootElement.GetProperty("groupBy").GetString().Should().Be("team");
    }

    [Theory]
    [InlineData("agent=A1", 1)]
    [InlineData("team=Billing", 3)]
    [InlineData("agent=A1&groupBy=week", 1)]
    [InlineData("team=Billing&groupBy=channel", 3)]
    public async Task An_agent_gets_their_own_numbers_and_their_teams(string query, double volume)
    {
        using var json = await GetJsonAsync(app.Agent, $"/api/kpis?{query}&{March}");

        json.RootElement.GetProperty("kpis").GetProperty("ticket_volume").GetProperty("value").GetDouble()
            .Should().Be(volume);
    }

    [Theory]
    [InlineData("/api/kpis?" + March)]
    [InlineData("/api/kpis?agent=A2&" + March)]
    [InlineData("/api/kpis?agent=B1&" + March)]
    [InlineData("/api/kpis?team=Orders&" + March)]
    [InlineData("/api/kpis?team=Billing&groupBy=agent&" + March)]
    [InlineData("/api/kpis?agent=A1&groupBy=team&" + March)]
    [InlineData("/api/drivers?" + March)]
    [InlineData("/api/drivers?agent=B1&" + March)]
    [InlineData("/api/kpis?agent=NOBODY&" + March)]
    [InlineData("/api/kpis?team=Nowhere&" + March)]
    [InlineData("/api/drivers?agent=NOBODY&" + March)]
    [InlineData("/api/drivers?team=Nowhere&" + March)]
    public async Task An_agent_gets_403_for_anyone_elses_numbers(string url)
    {
        var response = await app.Agent.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("\"kpis\"").And.NotContain("\"dimensions\"");
    }

    [Fact]
    public async Task Without_sign_in_or_token_the_api_answers_401_not_a_redirect()
    {
        var response = await app.Anonymous.GetAsync("/api/kpis?" + March);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("from=2026-03-01", "to '' is not a date")]
    [InlineData("from=yesterday&to=2026-04-01", "from 'yesterday' is not a date")]
    [InlineData("from=2026-04-01&to=2026-03-01", "to must be after from")]
    [InlineData("team=Nowhere&" + March, "Unknown team 'Nowhere'")]
    [InlineData("channel=fax&" + March, "Unknown channel 'fax'")]
    [InlineData("groupBy=year&" + March, "Unknown grouping 'year'")]
    public async Task Bad_input_is_a_400_problem_with_the_reason(string query, string reason)
    {
        var response = await app.Manager.GetAsync("/api/kpis?" + query);

        if (query == "from=2026-03-01")
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, "to is required");
            return;
        }
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain(reason);
    }

    [Fact]
    public async Task A_personal_token_sees_what_its_user_sees_and_stops_when_revoked_or_the_user_is_deactivated()
    {
        string token, userId;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var (email, _) = await app.Factory.CreateUserAsync(Roles.Agent, "A1");
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            userId = (await users.FindByEmailAsync(email))!.Id;
            token = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
                .IssueTokenAsync(userId, "spreadsheet");
        }
        var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        (await client.GetAsync("/api/kpis?agent=A1&" + March)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/kpis?agent=A2&" + March)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync("/")).StatusCode
            .Should().Be(HttpStatusCode.Redirect, "a token opens the API, not the pages");
        var wrong = app.Factory.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token + "x");
        (await wrong.GetAsync("/api/kpis?agent=A1&" + March)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await using (var scope = app.Factory.Services.CreateAsyncScope())
            (await scope.ServiceProvider.GetRequiredService<UserAccounts>().RevokeTokensAsync(userId)).Should().Be(1);
        (await client.GetAsync("/api/kpis?agent=A1&" + March)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            client.DefaultRequestHeaders.Authorization =
                new AuthenticationHeaderValue("Bearer", await accounts.IssueTokenAsync(userId, "again"));
            (await client.GetAsync("/api/kpis?agent=A1&" + March)).StatusCode.Should().Be(HttpStatusCode.OK);
            await accounts.SetActiveAsync(userId, active: false);
        }
        (await client.GetAsync("/api/kpis?agent=A1&" + March)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_agents_token_gets_the_same_403_for_a_made_up_agent_or_team_as_for_a_real_colleague()
    {
        var client = app.Factory.CreateClient();
        var (_, token) = await AgentTokenAsync();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var answers = new List<(HttpStatusCode Status, string Body)>();
        foreach (var query in new[] { "agent=A2", "agent=NOBODY", "team=Orders", "team=Nowhere" })
        {
            var response = await client.GetAsync($"/api/kpis?{query}&{March}");
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        answers.Should().AllSatisfy(a => a.Status.Should().Be(HttpStatusCode.Forbidden));
        answers.Select(a => a.Body).Distinct().Should().ContainSingle("the answer does not tell who exists");
    }

    [Fact]
    public async Task Deactivating_a_user_revokes_their_tokens_for_good_reactivation_does_not_revive_them()
    {
        var (userId, token) = await AgentTokenAsync();
        var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await client.GetAsync("/api/kpis?agent=A1&" + March)).StatusCode.Should().Be(HttpStatusCode.OK);

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            await accounts.SetActiveAsync(userId, active: false);
            await accounts.SetActiveAsync(userId, active: true);
            (await accounts.ListAsync()).Single(u => u.Id == userId).ApiTokens.Should().Be(0);
        }

        (await client.GetAsync("/api/kpis?agent=A1&" + March)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    /// <summary>A new agent user linked to A1 and a token issued to them.</summary>
    private async Task<(string UserId, string Token)> AgentTokenAsync()
    {
        var (email, _) = await app.Factory.CreateUserAsync(Roles.Agent, "A1");
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var userId = (await users.FindByEmailAsync(email))!.Id;
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        return (userId, await accounts.IssueTokenAsync(userId, "spreadsheet"));
    }

    [Fact]
    public async Task Drivers_come_in_the_shape_of_cskpi_drivers_json()
    {
        using var json = await GetJsonAsync(app.Manager, "/api/drivers?" + March);

        json.RootElement.GetProperty("dimensions").ValueKind.Should().Be(JsonValueKind.Array);
    }

    [Fact]
    public async Task The_openapi_description_documents_both_endpoints_and_their_parameters()
    {
        var response = await app.Anonymous.GetAsync("/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = json.RootElement.GetProperty("paths");
        paths.TryGetProperty("/api/kpis", out var kpis).Should().BeTrue();
        paths.TryGetProperty("/api/drivers", out _).Should().BeTrue();
        kpis.GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString())
            .Should().Contain(["from", "to", "team", "agent", "channel", "category", "groupBy"]);
    }

    // Privacy (#7): eNPS of fewer than 5 responses is hidden whoever asks and however the filters are narrowed.

    [Fact]
    public async Task An_agent_sees_the_enps_of_their_team_of_six_but_not_their_own_three()
    {
        using var team = await GetJsonAsync(app.Agent, "/api/kpis?team=Billing&" + March);
        using var own = await GetJsonAsync(app.Agent, "/api/kpis?agent=A1&" + March);

        // Billing: promoters 9,10,9 (3), detractors 6,3 (2) of 6 → 16.67
        Enps(team).GetDouble().Should().BeApproximately(100.0 / 6, 1e-9);
        Enps(own).ValueKind.Should().Be(JsonValueKind.Null);
        own.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString())
            .Should().Contain(n => n!.Contains("fewer than 5 responses"));
    }

    [Theory]
    [InlineData("agent=A2")]
    [InlineData("team=Orders")]
    [InlineData("team=Billing&channel=email")]
    [InlineData("agent=A1&groupBy=week")]
    public async Task Narrowing_filters_never_reveals_a_group_of_fewer_than_five(string query)
    {
        using var json = await GetJsonAsync(app.Manager, $"/api/kpis?{query}&{March}");

        Enps(json).ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_breakdown_by_agent_hides_each_agents_enps_but_not_the_teams()
    {
        using var json = await GetJsonAsync(app.Manager, "/api/kpis?team=Billing&groupBy=agent&" + March);

        Enps(json).GetDouble().Should().BeApproximately(100.0 / 6, 1e-9);
        json.RootElement.GetProperty("groups").EnumerateArray()
            .Select(g => g.GetProperty("kpis").GetProperty("enps").GetProperty("value").ValueKind)
            .Should().NotBeEmpty().And.AllBeEquivalentTo(JsonValueKind.Null, "each agent has 3 responses");
    }

    [Fact]
    public async Task My_stats_hides_the_agents_own_enps_and_shows_the_teams()
    {
        var page = await app.Agent.GetDocumentAsync("/MyStats?period=custom&from=2026-03-01&to=2026-03-31");

        var cells = page.One("tr[data-kpi='enps']").QuerySelectorAll("td");
        cells.Where(td => td.Attributes.Length == 0).Select(td => td.TextContent)
            .Should().Contain("16.7", "the team's six responses");
        cells.Where(td => td.GetAttribute("title") == "Hidden: fewer than 5 responses could identify people.")
            .Select(td => td.TextContent).Should().Contain("—");
    }

    private static JsonElement Enps(JsonDocument json) =>
        json.RootElement.GetProperty("kpis").GetProperty("enps").GetProperty("value");

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        return JsonDocument.Parse(body);
    }
}
