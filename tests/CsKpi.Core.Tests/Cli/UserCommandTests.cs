using System.Text.RegularExpressions;
using CsKpi.Cli;
using CsKpi.Core.Accounts;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Kpis;
using CsKpi.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Core.Tests.Cli;

/// <summary><c>cskpi users add</c>: a database per test.</summary>
public partial class UserCommandTests
{
    [Fact]
    public async Task Adds_a_user_with_a_generated_password_printed_once_that_signs_in()
    {
        await using var database = await TestDatabase.CreateAsync();

        var (exit, output, error) = await RunAsync(database, "users", "add", "lead@example.com", "--role", "manager");

        exit.Should().Be(CliApp.Success, error);
        output.Should().StartWith("Created manager lead@example.com.");
        var password = Password().Match(output).Groups[1].Value;
        password.Should().HaveLength(20);
        await using var services = IdentitySetup.AccountServices(database.ConnectionString);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync("lead@example.com");
        (await users.CheckPasswordAsync(user!, password)).Should().BeTrue();
        (await users.GetRolesAsync(user!)).Should().Equal(Roles.Manager);
    }

    [Fact]
    public async Task Links_an_agent_user_to_the_agent_id_given()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Agent("A42", team: "Blue");
            await data.SaveAsync();
        }

        var (exit, _, error) =
            await RunAsync(database, "users", "add", "sam@example.com", "--role", "agent", "--agent-id", "A42");

        exit.Should().Be(CliApp.Success, error);
        await using var db = database.CreateContext();
        (await db.Users.SingleAsync()).AgentId.Should().Be("A42");
    }

    [Theory]
    [InlineData("users", "add", "x@example.com", "--role", "owner")]
    [InlineData("users", "add", "x@example.com")]
    [InlineData("users", "add", "--role", "admin")]
    public async Task Wrong_usage_exits_2(params string[] args) =>
        (await DbMigrateCommandTests.RunAsync(args)).Exit.Should().Be(CliApp.Usage);

    [Theory]
    [InlineData("There is no agent with the id NOPE",
        "users", "add", "x@example.com", "--role", "agent", "--agent-id", "NOPE")]
    [InlineData("No agent has the email x@example.com", "users", "add", "x@example.com", "--role", "agent")]
    [InlineData("Only agent users are linked to an agent",
        "users", "add", "x@example.com", "--role", "manager", "--agent-id", "A1")]
    [InlineData("is not an email address", "users", "add", "x-at-example.com", "--role", "admin")]
    public async Task A_request_that_cannot_be_carried_out_exits_3_with_the_reason_and_creates_nothing(
        string reason, params string[] args)
    {
        await using var database = await TestDatabase.CreateAsync();

        var (exit, _, error) = await RunAsync(database, args);

        exit.Should().Be(CliApp.Rejected);
        error.Should().Contain(reason);
        await using var db = database.CreateContext();
        (await db.Users.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task An_existing_email_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        (await RunAsync(database, "users", "add", "a@example.com", "--role", "admin")).Exit.Should().Be(CliApp.Success);

        var (exit, _, error) = await RunAsync(database, "users", "add", "A@example.com", "--role", "manager");

        exit.Should().Be(CliApp.Rejected);
        error.Should().Contain("already exists");
    }

    private static Task<(int Exit, string Output, string Error)> RunAsync(
        TestDatabase database, params string[] args) =>
        DbMigrateCommandTests.RunAsync([.. args, "--connection", database.ConnectionString]);

    [GeneratedRegex("Password \\(shown once\\): (\\S+)")]
    private static partial Regex Password();
}
