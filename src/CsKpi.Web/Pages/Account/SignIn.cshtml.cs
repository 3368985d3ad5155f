using System.ComponentModel.DataAnnotations;
using CsKpi.Core.Model;
using CsKpi.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CsKpi.Web.Pages.Account;

/// <summary>
/// Sign-in: email and password; five failures lock the account for 15 minutes (one answer for every refusal); posts
/// are rate-limited per address.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public class SignInModel(SignInManager<AppUser> signIn, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty, Required, EmailAddress] public string Email { get; set; } = "";
    [BindProperty, Required, DataType(DataType.Password)] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Problem { get; private set; }

    /// <summary>Every refused sign-in's answer, whatever the reason.</summary>
    public const string Refused = "Sign-in failed: the email and password don't match an active account, "
        + "or the account is locked for 15 minutes after 5 failed attempts.";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Problem = "Enter your email and password.";
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password,
            isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("{Email} signed in", Email);
            return LocalRedirect(await LandingAsync());
        }
        logger.LogWarning("Failed sign-in for {Email} (locked out: {LockedOut})", Email, result.IsLockedOut);
        // The same words whether the email exists, the password is wrong, or the account is inactive or locked: no
        // account probing. A locked user still reads what to do (wait); an unknown email needs no failure count.
        Problem = Refused;
        return Page();
    }

    /// <summary>
    /// Where to go after signing in: the page asked for, else the overview, or "My stats" for an agent.
    /// </summary>
    private async Task<string> LandingAsync()
    {
        if (ReturnUrl is { Length: > 1 } asked && Url.IsLocalUrl(asked))
            return asked;
        var user = await signIn.UserManager.FindByEmailAsync(Email.Trim());
        return user is not null && await signIn.UserManager.IsInRoleAsync(user, Roles.Agent) ? "/MyStats" : "/";
    }
}
