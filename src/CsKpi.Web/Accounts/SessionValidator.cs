using System.Security.Claims;
using CsKpi.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Accounts;

/// <summary>
/// Checks every signed-in request against the users table: a deactivated user, or one whose role, agent link or
/// password changed (a new security stamp), is signed out at once — not after Identity's usual 30-minute interval.
/// One primary-key lookup per request; static files are served before authentication and skip it.
/// </summary>
internal static class SessionValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>()
            .Value.ClaimsIdentity.SecurityStampClaimType;
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(stampClaim);
        var db = services.GetRequiredService<KpiDbContext>();
        var valid = id is not null && stamp is not null
            && await db.Users.AnyAsync(u => u.Id == id && u.IsActive && u.SecurityStamp == stamp,
                context.HttpContext.RequestAborted);
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
