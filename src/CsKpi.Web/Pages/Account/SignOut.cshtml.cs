using CsKpi.Core.Model;
using CsKpi.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CsKpi.Web.Pages.Account;

/// <summary>
/// Sign-out is a POST (with antiforgery), so a link on another site cannot sign anyone out. It ends the session on the
/// server, not only in this browser.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public class SignOutModel(SignInManager<AppUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A new security stamp ends the session on the server: a copy of the cookie fails the per-request check
        // (SessionValidator) — and so do the user's sessions on other devices.
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }
}
