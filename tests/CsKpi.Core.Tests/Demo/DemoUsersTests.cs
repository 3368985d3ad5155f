using CsKpi.Core.Accounts;
using CsKpi.Core.Demo;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Core.Tests.Demo;

public class DemoUsersTests
{
    [Fact]
    public async Task One_user_per_role_with_a_random_password_and_the_agent_linked_to_demo_agent_A001()
    {
        await using var database = await TestDatabase.CreateAsync();
        await DemoData.LoadAsync(database.ConnectionString,
            new DemoOptions(Tickets: 1_000, Until: new DateOnly(2026, 3, 31)), progress: null);
        await using var services = IdentitySetup.AccountServices(database.ConnectionString);
        await using var scope = services.CreateAsyncScope();

        var created = await DemoUsers.CreateAsync(scope.ServiceProvider.GetRequiredService<UserAccounts>());
        var again = await DemoUsers.CreateAsync(scope.ServiceProvider.GetRequiredService<UserAccounts>());

        created.Select(u => u.Role).Should().Equal(Roles.Admin, Roles.Manager, Roles.Agent);
        created.Select(u => u.Password).Should().OnlyHaveUniqueItems().And.AllSatisfy(p => p.Should().HaveLength(20));
        again.Should().BeEmpty("existing users are left alone");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var user in created)
        {
            var stored = await users.FindByEmailAsync(user.Email);
            (await users.CheckPasswordAsync(stored!, user.Password)).Should().BeTrue();
            (await users.GetRolesAsync(stored!)).Should().Equal(user.Role);
            stored!.AgentId.Should().Be(user.Role == Roles.Agent ? "A001" : null);
        }
    }

    [Fact]
    public async Task When_the_demo_sign_ins_were_printed_is_when_the_demo_users_were_created()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = IdentitySetup.AccountServices(database.ConnectionString);
        await using var scope = services.CreateAsyncScope();
        await using var db = database.CreateContext();
        (await DemoUsers.CreatedAtAsync(db)).Should().BeNull("no demo users yet");

        var before = DateTime.UtcNow.AddSeconds(-1);
        await DemoUsers.CreateAsync(scope.ServiceProvider.GetRequiredService<UserAccounts>());

        (await DemoUsers.CreatedAtAsync(db)).Should().BeOnOrAfter(before).And.BeOnOrBefore(DateTime.UtcNow);
    }
}
