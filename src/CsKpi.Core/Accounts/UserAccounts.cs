using System.Security.Cryptography;
using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Accounts;

/// <summary>A user request that cannot be carried out, with a reason an admin can act on.</summary>
public sealed class AccountException(string format, params object[] arguments)
    : TranslatableException(format, arguments);

/// <summary>A user as Admin → Users lists them.</summary>
public sealed record UserSummary(
    string Id,
    string Email,
    string Role,
    string? AgentId,
    bool IsActive,
    DateTime CreatedAt,
    int ApiTokens);

/// <summary>
/// Creating and managing users, shared by <c>cskpi users add</c>, Admin → Users and the demo data. Every change of
/// role, agent link or activity renews the security stamp, so the user's open sessions end at their next request.
/// </summary>
public sealed class UserAccounts(UserManager<AppUser> users, KpiDbContext db)
{
    /// <summary>
    /// Creates a user; with no password given, generates one. Returns the password, to be shown once.
    /// </summary>
    public async Task<string> CreateAsync(
        string email,
        string role,
        string? agentId,
        string? password = null,
        CancellationToken cancellationToken = default)
    {
        email = email.Trim();
        if (!System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email)
            throw new AccountException("'{0}' is not an email address.", email);
        var checkedRole = Roles.Parse(role)
            ?? throw new AccountException("Unknown role '{0}': use admin, manager or agent.", role);
        if (await users.FindByEmailAsync(email) is not null)
            throw new AccountException("A user with the email {0} already exists.", email);

        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
        user.AgentId = await LinkedAgentAsync(checkedRole, agentId, email, cancellationToken);
        password ??= GeneratePassword();
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, checkedRole));
        return password;
    }

    /// <summary>Changes a user's role and, for an agent user, the agent they are linked to.</summary>
    public async Task ChangeRoleAsync(
        string userId,
        string role,
        string? agentId,
        CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(userId);
        var checkedRole = Roles.Parse(role)
            ?? throw new AccountException("Unknown role '{0}': use admin, manager or agent.", role);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && checkedRole != Roles.Admin && user.IsActive)
            await EnsureAnotherActiveAdminAsync(user, cancellationToken);
        user.AgentId = await LinkedAgentAsync(checkedRole, agentId, user.Email!, cancellationToken);
        Check(await users.RemoveFromRolesAsync(user, current));
        Check(await users.AddToRoleAsync(user, checkedRole));
        Check(await users.UpdateSecurityStampAsync(user));
    }

    /// <summary>
    /// Deactivates (their sessions end, their API tokens are revoked for good) or reactivates a user. Reactivation
    /// revives nothing: the user signs in again and an admin issues new tokens.
    /// </summary>
    public async Task SetActiveAsync(string userId, bool active, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(userId);
        if (!active && user.IsActive && await users.IsInRoleAsync(user, Roles.Admin))
            await EnsureAnotherActiveAdminAsync(user, cancellationToken);
        // Revoked before the user is marked inactive: a failure in between leaves fewer tokens, never more.
        if (!active)
            await RevokeTokensAsync(user.Id, cancellationToken);
        user.IsActive = active;
        Check(await users.UpdateSecurityStampAsync(user));
    }

    /// <summary>Issues a personal API token for a user; returns the token, to be shown once.</summary>
    public async Task<string> IssueTokenAsync(string userId, string name, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(userId);
        name = string.IsNullOrWhiteSpace(name) ? "API token" : name.Trim();
        if (name.Length > 100)
            throw new AccountException("A token's name has at most 100 characters.");
        var (token, hash) = ApiToken.Generate();
        db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = name, Hash = hash });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>Revokes every API token of a user.</summary>
    public Task<int> RevokeTokensAsync(string userId, CancellationToken cancellationToken = default) =>
        db.ApiTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        await (from u in db.Users
               join ur in db.UserRoles on u.Id equals ur.UserId
               join r in db.Roles on ur.RoleId equals r.Id
               orderby u.Email
               select new UserSummary(u.Id, u.Email!, r.Name!, u.AgentId, u.IsActive, u.CreatedAt,
                   db.ApiTokens.Count(t => t.UserId == u.Id)))
            .AsNoTracking().ToListAsync(cancellationToken);

    public Task<bool> AnyActiveAdminAsync(CancellationToken cancellationToken = default) =>
        ActiveAdmins().AnyAsync(cancellationToken);

    /// <summary>A random password of 20 letters and digits (about 115 bits), without look-alike characters.</summary>
    public static string GeneratePassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);

    private IQueryable<AppUser> ActiveAdmins() =>
        from u in db.Users
        join ur in db.UserRoles on u.Id equals ur.UserId
        where u.IsActive && ur.RoleId == RoleIds.Admin
        select u;

    private async Task EnsureAnotherActiveAdminAsync(AppUser user, CancellationToken cancellationToken)
    {
        if (!await ActiveAdmins().AnyAsync(u => u.Id != user.Id, cancellationToken))
            throw new AccountException("This is the last active admin: make another user admin first.");
    }

    /// <summary>The agent an agent user is linked to: the id given, else the agent with the user's email.</summary>
    private async Task<string?> LinkedAgentAsync(
        string role,
        string? agentId,
        string email,
        CancellationToken cancellationToken)
    {
        agentId = string.IsNullOrWhiteSpace(agentId) ? null : agentId.Trim();
        if (role != Roles.Agent)
            return agentId is null ? null : throw new AccountException("Only agent users are linked to an agent.");
        if (agentId is not null)
            return await db.Agents.AnyAsync(a => a.SourceId == agentId, cancellationToken)
                ? agentId
                : throw new AccountException("There is no agent with the id {0}: import the agents first.", agentId);
        var normalized = email.ToUpperInvariant();
        var byEmail = await db.Agents
            .Where(a => a.Email != null && KpiSql.Upper(a.Email) == normalized)
            .Select(a => a.SourceId)
            .ToListAsync(cancellationToken);
        return byEmail.Count == 1
            ? byEmail[0]
            : throw new AccountException(byEmail.Count == 0
                ? "No agent has the email {0}: give the agent's id."
                : "Several agents have the email {0}: give the agent's id.", email);
    }

    private async Task<AppUser> FindAsync(string userId) =>
        await users.FindByIdAsync(userId) ?? throw new AccountException("There is no such user.");

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new AccountException("{0}", result.Errors.First().Description);
    }
}
