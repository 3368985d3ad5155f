using CsKpi.Core.Accounts;
using CsKpi.Core.Model;
using CsKpi.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CsKpi.Web.Pages.Admin.Users;

/// <summary>
/// Admin → Users: create (the password is shown once), change role and agent link, deactivate or reactivate.
/// </summary>
[Authorize(Policy = Policies.Admins)]
public class IndexModel(
    UserAccounts accounts,
    ILogger<IndexModel> logger,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Role { get; set; } = Roles.Agent;
    [BindProperty] public string? AgentId { get; set; }
    [BindProperty] public string? UserId { get; set; }
    [BindProperty] public string? TokenName { get; set; }

    public IReadOnlyList<UserSummary> Users { get; private set; } = [];
    public string? Problem { get; private set; }
    public string? Done { get; private set; }
    /// <summary>A new user's generated password, shown on this response only.</summary>
    public string? NewPassword { get; private set; }
    /// <summary>A new API token, shown on this response only.</summary>
    public string? NewToken { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Users = await accounts.ListAsync(cancellationToken);

    public Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        NewPassword = await accounts.CreateAsync(Email, Role, AgentId, cancellationToken: cancellationToken);
        Done = t["{0} can now sign in as {1} with the password below. It is shown only this once: pass it on safely.",
            Email.Trim(), t[Roles.Parse(Role) ?? Role]].Value;
        logger.LogInformation("{Admin} created the user {Email} ({Role})", User.Identity?.Name, Email, Role);
    }, cancellationToken);

    public Task<IActionResult> OnPostRoleAsync(CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        await accounts.ChangeRoleAsync(UserId ?? "", Role, AgentId, cancellationToken);
        Done = t["Role changed. The user signs in again to use it."].Value;
        logger.LogInformation("{Admin} made user {UserId} {Role} (agent {AgentId})",
            User.Identity?.Name, UserId, Role, AgentId);
    }, cancellationToken);

    public Task<IActionResult> OnPostTokenAsync(CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        NewToken = await accounts.IssueTokenAsync(UserId ?? "", TokenName ?? "", cancellationToken);
        Done = t["API token issued. It is shown only this once: send it as \"Authorization: Bearer …\". " +
            "It sees what its user sees."].Value;
        logger.LogInformation("{Admin} issued an API token for user {UserId}", User.Identity?.Name, UserId);
    }, cancellationToken);

    public Task<IActionResult> OnPostRevokeTokensAsync(CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var revoked = await accounts.RevokeTokensAsync(UserId ?? "", cancellationToken);
        Done = t["{0} API token(s) revoked.", revoked].Value;
        logger.LogInformation("{Admin} revoked the API tokens of user {UserId}", User.Identity?.Name, UserId);
    }, cancellationToken);

    public Task<IActionResult> OnPostDeactivateAsync(CancellationToken cancellationToken) =>
        SetActiveAsync(false, cancellationToken);

    public Task<IActionResult> OnPostActivateAsync(CancellationToken cancellationToken) =>
        SetActiveAsync(true, cancellationToken);

    private Task<IActionResult> SetActiveAsync(bool active, CancellationToken cancellationToken) =>
        ChangeAsync(async () =>
        {
            await accounts.SetActiveAsync(UserId ?? "", active, cancellationToken);
            Done = active ? t["User reactivated."].Value
                : t["User deactivated: their sessions have ended and their API tokens are revoked."].Value;
            logger.LogInformation("{Admin} set user {UserId} active: {Active}", User.Identity?.Name, UserId, active);
        }, cancellationToken);

    private async Task<IActionResult> ChangeAsync(Func<Task> change, CancellationToken cancellationToken)
    {
        try
        {
            await change();
        }
        catch (AccountException e)
        {
            Problem = t.Translate(e);
            Done = null;
        }
        Users = await accounts.ListAsync(cancellationToken);
        return Page();
    }
}
