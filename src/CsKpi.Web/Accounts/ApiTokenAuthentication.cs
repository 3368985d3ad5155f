using System.Security.Claims;
using System.Text.Encodings.Web;
using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Accounts;

/// <summary>
/// <c>Authorization: Bearer cskpi_…</c> on API calls: the token's user, with the same roles and agent link as their
/// sign-in — so the API answers exactly what that user's pages would. Deactivated users' tokens stop working.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    KpiDbContext db, UserManager<AppUser> users, IUserClaimsPrincipalFactory<AppUser> claims)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var hash = ApiToken.HashOf(header["Bearer ".Length..].Trim());
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        if (token is null || await users.FindByIdAsync(token.UserId) is not { IsActive: true } user)
            return AuthenticateResult.Fail("The API token is unknown, revoked, or its user is deactivated.");

        await db.ApiTokens.Where(t => t.Id == token.Id)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.LastUsedAt, DateTime.UtcNow), Context.RequestAborted);
        var principal = await claims.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName,
            principal.Identities.First().NameClaimType, principal.Identities.First().RoleClaimType);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
