using CsKpi.Core.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Accounts;

/// <summary>
/// Identity's sign-in, refusing deactivated users, with the same work for every refusal: an unknown email, a locked
/// or deactivated account verify the password against a hash as a wrong password does, so the time taken does not
/// tell which accounts exist (Identity alone answers those without hashing, ten times faster).
/// </summary>
public sealed class CsKpiSignInManager(
    UserManager<AppUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<AppUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(users, http, claims, options, logger, schemes, confirmation)
{
    /// <summary>A hash no password is checked against for real: made once, in the hasher's current format.</summary>
    private static readonly string NoAccountHash =
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), Convert.ToHexString(Guid.NewGuid().ToByteArray()));

    public override async Task<bool> CanSignInAsync(AppUser user) => user.IsActive && await base.CanSignInAsync(user);

    public override async Task<SignInResult> PasswordSignInAsync(
        string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (await UserManager.FindByNameAsync(userName) is not { } user)
        {
            VerifyWithoutAccount(password);
            return SignInResult.Failed;
        }
        var result = await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        // Identity refuses a locked or deactivated account before it looks at the password.
        if (result.IsLockedOut || result.IsNotAllowed)
            VerifyWithoutAccount(password);
        return result;
    }

    private void VerifyWithoutAccount(string password) =>
        UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), NoAccountHash, password);
}

/// <summary>
/// Adds the linked agent's id to the cookie, beside the id, name, roles and security stamp Identity puts there.
/// </summary>
public sealed class CsKpiClaimsFactory(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<System.Security.Claims.ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.AgentId is { } agent)
            identity.AddClaim(new(CsKpiClaims.AgentId, agent));
        return identity;
    }
}
