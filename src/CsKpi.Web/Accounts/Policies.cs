namespace CsKpi.Web.Accounts;

/// <summary>
/// Who may open what. Every page names one of these (or [AllowAnonymous]) on its model; a test fails when a page
/// does not, and the fallback policy turns away anyone not signed in from whatever slips through.
/// </summary>
public static class Policies
{
    /// <summary>Admin only: uploads, users, targets.</summary>
    public const string Admins = "Admins";
    /// <summary>Managers and admins: every dashboard and export.</summary>
    public const string Managers = "Managers";
    /// <summary>Anyone signed in: their own stats, their password.</summary>
    public const string SignedIn = "SignedIn";
    /// <summary>
    /// The JSON API: anyone signed in, by cookie or personal API token; the data is limited by ViewerScope.
    /// </summary>
    public const string Api = "Api";
}

/// <summary>Rate-limiting policies for the endpoints worth guessing or flooding.</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Upload = "upload";
}

/// <summary>Settings under "RateLimits": posts per minute.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Sign-in attempts per client address per minute (lockout guards each account on top of this).</summary>
    public int SignInPerMinute { get; set; } = 10;
    /// <summary>Upload posts per user per minute.</summary>
    public int UploadsPerMinute { get; set; } = 10;
}
