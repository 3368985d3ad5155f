using System.ComponentModel.DataAnnotations;
using CsKpi.Core.Model;
using CsKpi.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CsKpi.Web.Pages.Account;

/// <summary>
/// Change password: the current one, then the new one twice. Other sessions of the user end (new security stamp).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty, Required, DataType(DataType.Password)] public string CurrentPassword { get; set; } = "";
    [BindProperty, Required, DataType(DataType.Password)] public string NewPassword { get; set; } = "";
    [BindProperty, Required, DataType(DataType.Password)] public string ConfirmPassword { get; set; } = "";
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public bool Changed { get; private set; }
    public int MinimumLength => users.Options.Password.RequiredLength;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Show("Fill in all three fields.");
        if (NewPassword != ConfirmPassword)
            return Show("The new password and its confirmation differ.");
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        // The policy first, so a weak new password is explained even when the current one was mistyped.
        var policy = new List<string>();
        foreach (var validator in users.PasswordValidators)
            policy.AddRange((await validator.ValidateAsync(users, user, NewPassword))
                .Errors.Select(e => e.Description));
        if (policy.Count > 0)
            return Show([.. policy]);
        var result = await users.ChangePasswordAsync(user, CurrentPassword, NewPassword);
        if (!result.Succeeded)
            return Show([.. result.Errors.Select(e => e.Description)]);
        // The stamp changed: renew this session's cookie; other sessions end at their next request.
        await signIn.RefreshSignInAsync(user);
        Changed = true;
        return Page();
    }

    private PageResult Show(params string[] problems)
    {
        Problems = problems;
        return Page();
    }
}
