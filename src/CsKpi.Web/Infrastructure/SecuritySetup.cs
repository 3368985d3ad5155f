using System.Threading.RateLimiting;
using CsKpi.Core.Accounts;
using CsKpi.Core.Data;
using CsKpi.Core.Model;
using CsKpi.Web.Accounts;
using CsKpi.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Infrastructure;

internal static class SecuritySetup
{
    /// <summary>
    /// The app's own scripts, styles and images only: Chart.js is served from wwwroot/lib, chart data travels in
    /// JSON data blocks, and no page has inline script or style.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Sign-in (Identity, cookie), authorization policies, rate limits, data-protection keys in the database.
    /// </summary>
    public static void AddCsKpiSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddCsKpiIdentityCore()
            .AddSignInManager<CsKpiSignInManager>()
            .AddClaimsPrincipalFactory<CsKpiClaimsFactory>();
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, _ => { })
            .AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "cskpi.session";
            o.Cookie.HttpOnly = true;
            // Secure always: browsers accept secure cookies from http://localhost; anything else is served over HTTPS.
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/SignIn";
            o.LogoutPath = "/Account/SignOut";
            o.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = SessionValidator.ValidateAsync,
                // API callers get 401, not the sign-in page.
                OnRedirectToLogin = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/api"))
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    else
                        context.Response.Redirect(context.RedirectUri);
                    return Task.CompletedTask;
                },
                // A signed-in user without the right role gets 403 (rendered by the error page), not a redirect.
                OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                },
            };
        });
        // The antiforgery cookie only pairs with the form's token (it opens nothing by itself), and antiforgery
        // refuses to run at all over plain HTTP with SecurePolicy.Always: same as the request, so http://localhost
        // works.
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "cskpi.antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admins, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Managers, p => p.RequireRole(Roles.Admin, Roles.Manager))
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Api, p => p
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiTokenAuthentication.SchemeName)
                .RequireAuthenticatedUser())
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser().Build());

        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimits");
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimits.SignIn, context => PostsPerMinute(context,
                context.Connection.RemoteIpAddress?.ToString() ?? "",
                context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.SignInPerMinute));
            // Posts that carry a file: the mapping step's checks and its import read a file already uploaded.
            o.AddPolicy(RateLimits.Upload, context => PostsPerMinute(context, context.User.Identity?.Name ?? "",
                context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.UploadsPerMinute,
                context.Request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)
                    == true));
        });

        // The key ring in the database (data_protection_keys): cookies and antiforgery tokens outlive a restart and
        // work across instances. Stored as plain XML, like the rest of the data: protect backups accordingly.
        builder.Services.AddDataProtection().SetApplicationName("CsKpi").PersistKeysToDbContext<KpiDbContext>();
    }

    /// <summary>
    /// HSTS, security headers on every response, error pages for 403/404/429, then authentication, limits and
    /// authorization.
    /// </summary>
    public static void UseCsKpiSecurity(this WebApplication app)
    {
        // HSTS on HTTPS responses only (the middleware skips plain HTTP and localhost); not in Development, so a
        // developer's browser does not pin HTTPS for their machine.
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(context);
        });
        // The API's own status bodies are problem documents (ApiErrors).
        app.UseWhen(context => !context.Request.IsApi(),
            pages => pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
    }

    /// <summary>Limits POSTs per partition; reads (pages, progress polling) are never limited.</summary>
    private static RateLimitPartition<string> PostsPerMinute(
        HttpContext context, string partition, int permits, bool counted = true) =>
        HttpMethods.IsPost(context.Request.Method) && counted
            ? RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
            })
            : RateLimitPartition.GetNoLimiter("reads");
}
