using System.Net;
using CsKpi.Core.Accounts;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Pages.Account;
using CsKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests.Accounts;

/// <summary>Sign-in, sign-out, password change and the hardening around them; a database per test.</summary>
public class SignInTests
{
    [Fact]
    public async Task Signing_in_sets_a_secure_http_only_cookie_and_lands_on_the_overview()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var (email, password) = await factory.CreateUserAsync(Roles.Manager);
        var client = factory.CreateClient();

        var response = await client.SignInAsync(email, password);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/");
        var cookie = response.Headers.GetValues("Set-Cookie")
            .Single(c => c.StartsWith("cskpi.session=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.Should().Contain("secure").And.Contain("httponly").And.Contain("samesite=lax");
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_agent_lands_on_my_stats_and_a_wrong_password_is_refused_without_saying_which_part_was_wrong()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AddAgentAsync(database, "A1");
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var (email, password) = await factory.CreateUserAsync(Roles.Agent, "A1");
        var client = factory.CreateClient();

        var wrong = await client.SignInAsync(email, password + "x");
        var unknown = await client.SignInAsync("nobody@test.local", password);
        var right = await client.SignInAsync(email, password);

        wrong.StatusCode.Should().Be(HttpStatusCode.OK);
        Alert(await wrong.Content.ReadAsStringAsync()).Should().Be(SignInModel.Refused);
        Alert(await unknown.Content.ReadAsStringAsync()).Should().Be(SignInModel.Refused);
        right.Headers.Location!.ToString().Should().Be("/MyStats");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var (email, password) = await factory.CreateUserAsync(Roles.Manager);
        var client = factory.CreateClient();

        for (var i = 0; i < 5; i++)
            await client.SignInAsync(email, "wrong password " + i);
        var response = await client.SignInAsync(email, password);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Alert(await response.Content.ReadAsStringAsync())
            .Should().Be(SignInModel.Refused, "a locked account gets the one answer, which says to wait");
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect, "no session was opened");
    }

    [Fact]
    public async Task Sign_in_posts_are_rate_limited_per_address()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        await using var limited = factory.WithWebHostBuilder(b => b.UseSetting("RateLimits:SignInPerMinute", "3"));
        var client = limited.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await client.SignInAsync("someone@test.local", "guess number " + i)).StatusCode);

        statuses.Should()
            .Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        (await client.GetAsync("/Account/SignIn")).StatusCode
            .Should().Be(HttpStatusCode.OK, "reading the form is not limited");
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_rejected()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var (email, password) = await factory.CreateUserAsync(Roles.Manager);

        var response = await factory.CreateClient().PostAsync("/Account/SignIn",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = email, ["Password"] = password }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_deactivated_users_open_session_stops_at_the_next_request_and_they_cannot_sign_in_again()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        await factory.CreateUserAsync(Roles.Admin); // deactivating needs another admin to remain
        var (email, password) = await factory.CreateUserAsync(Roles.Manager);
        var client = factory.CreateClient();
        await client.SignInAsync(email, password);
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByEmailAsync(email);
            await scope.ServiceProvider.GetRequiredService<UserAccounts>().SetActiveAsync(user!.Id, active: false);
        }

        var after = await client.GetAsync("/");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().Should().Contain("/Account/SignIn");
        (await client.SignInAsync(email, password)).StatusCode
            .Should().Be(HttpStatusCode.OK, "the form is shown again with its message");
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_session_ends_others_and_only_the_new_password_works()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var (email, password) = await factory.CreateUserAsync(Roles.Manager);
        var client = factory.CreateClient();
        var other = factory.CreateClient();
        await client.SignInAsync(email, password);
        await other.SignInAsync(email, password);
        const string newPassword = "correct horse battery staple";

        var form = await client.GetStringAsync("/Account/ChangePassword");
        var response = await client.PostAsync("/Account/ChangePassword", new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Html.AntiforgeryToken(form),
                ["CurrentPassword"] = password,
                ["NewPassword"] = newPassword,
                ["ConfirmPassword"] = newPassword,
            }));

        (await response.Content.ReadAsStringAsync()).Should().Contain("Your password has been changed.");
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await other.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await factory.CreateClient().SignInAsync(email, password)).StatusCode
            .Should().Be(HttpStatusCode.OK, "the old password is refused");
        (await factory.CreateClient().SignInAsync(email, newPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_short_new_password_is_refused_with_the_policys_reason()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Manager);
        var form = await client.GetStringAsync("/Account/ChangePassword");

        var response = await client.PostAsync("/Account/ChangePassword", new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Html.AntiforgeryToken(form),
                ["CurrentPassword"] = "whatever it was",
                ["NewPassword"] = "short1",
                ["ConfirmPassword"] = "short1",
            }));

        (await response.Content.ReadAsStringAsync()).Should().Contain("Passwords must be at least 12 characters.");
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Manager);
        var page = await client.GetStringAsync("/");

        var response = await client.PostAsync("/Account/SignOut", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = Html.AntiforgeryToken(page) }));

        response.Headers.Location!.ToString().Should().Be("/Account/SignIn");
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Sign_out_ends_the_session_on_the_server_so_a_copied_cookie_stops_working()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var (email, password) = await factory.CreateUserAsync(Roles.Manager);
        var client = factory.CreateClient();
        var signedIn = await client.SignInAsync(email, password);
        var copy = factory.CreateClient();
        copy.DefaultRequestHeaders.Add("Cookie", SessionCookie(signedIn));
        (await copy.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK, "the copy works before sign-out");

        var page = await client.GetStringAsync("/");
        await client.PostAsync("/Account/SignOut", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(page),
        }));

        var after = await copy.GetAsync("/");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().Should().Contain("/Account/SignIn");
        (await copy.GetAsync("/api/kpis?from=2026-03-01&to=2026-04-01")).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized);
        (await factory.CreateClient().SignInAsync(email, password)).StatusCode
            .Should().Be(HttpStatusCode.Redirect, "signing in again works");
    }

    [Fact]
    public async Task Unknown_wrong_locked_and_deactivated_sign_ins_get_the_same_answer()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        await factory.CreateUserAsync(Roles.Admin); // deactivating needs another admin to remain
        var (known, password) = await factory.CreateUserAsync(Roles.Manager);
        var (locked, lockedPassword) = await factory.CreateUserAsync(Roles.Manager);
        var (inactive, inactivePassword) = await factory.CreateUserAsync(Roles.Manager);
        await DeactivateAsync(factory, inactive);
        var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
            await client.SignInAsync(locked, "wrong password " + i);

        var answers = new[]
        {
            await client.SignInAsync("nobody@test.local", password),
            await client.SignInAsync(known, password + "x"),
            await client.SignInAsync(locked, lockedPassword),
            await client.SignInAsync(inactive, inactivePassword),
        };

        answers.Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        foreach (var answer in answers)
            Alert(await answer.Content.ReadAsStringAsync()).Should().Be(SignInModel.Refused);
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect, "no session was opened");
    }

    [Fact]
    public async Task An_unknown_email_or_a_refused_account_still_has_its_password_hashed_as_a_wrong_password_does()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var plain = new CsKpiWebFactory(database.ConnectionString);
        var hasher = new RecordingHasher();
        await using var factory = plain.WithWebHostBuilder(b =>
            b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<AppUser>>(hasher)));
        await factory.CreateUserAsync(Roles.Admin);
        var (known, _) = await factory.CreateUserAsync(Roles.Manager);
        var (inactive, _) = await factory.CreateUserAsync(Roles.Manager);
        await DeactivateAsync(factory, inactive);
        var client = factory.CreateClient();

        await client.SignInAsync("nobody@test.local", "unknown account guess");
        await client.SignInAsync(known, "known account guess");
        await client.SignInAsync(inactive, "inactive account guess");

        hasher.Verified.Should().Contain(["unknown account guess", "known account guess", "inactive account guess"]);
    }

    [Fact]
    public async Task A_session_survives_a_restart_because_the_keys_live_in_the_database()
    {
        await using var database = await TestDatabase.CreateAsync();
        string cookie;
        await using (var first = new CsKpiWebFactory(database.ConnectionString))
        {
            var (email, password) = await first.CreateUserAsync(Roles.Manager);
            var response = await first.CreateClient().SignInAsync(email, password);
            cookie = response.Headers.GetValues("Set-Cookie")
                .Single(c => c.StartsWith("cskpi.session=", StringComparison.Ordinal)).Split(';')[0];
        }

        await using var second = new CsKpiWebFactory(database.ConnectionString);
        var client = second.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", cookie);

        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        await using var db = database.CreateContext();
        db.DataProtectionKeys.Should().NotBeEmpty();
    }

    /// <summary>The text of the sign-in form's alert (empty when there is none).</summary>
    private static string Alert(string html) =>
        Html.Parse(html).QuerySelector("p.notice.error[role=alert]")?.TextContent ?? "";

    private static string SessionCookie(HttpResponseMessage signedIn) => signedIn.Headers.GetValues("Set-Cookie")
        .Single(c => c.StartsWith("cskpi.session=", StringComparison.Ordinal)).Split(';')[0];

    private static async Task DeactivateAsync(WebApplicationFactory<Program> factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        await scope.ServiceProvider.GetRequiredService<UserAccounts>().SetActiveAsync(user!.Id, active: false);
    }

    /// <summary>Identity's hasher, remembering which passwords it was asked to verify.</summary>
    private sealed class RecordingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _hasher = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _verified = new();

        public IReadOnlyCollection<string> Verified => _verified;

        public string HashPassword(AppUser user, string password) => _hasher.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string provided)
        {
            _verified.Enqueue(provided);
            return _hasher.VerifyHashedPassword(user, hashedPassword, provided);
        }
    }

    private static async Task AddAgentAsync(TestDatabase database, string id)
    {
        await using var data = new Core.Tests.Kpis.KpiData(database.CreateContext());
        data.Agent(id, team: "Billing");
        await data.SaveAsync();
    }
}
