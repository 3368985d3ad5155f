using CsKpi.Core.Demo;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CsKpi.Web.Tests.Browser;

/// <summary>
/// The real app on Kestrel (a real port on 127.0.0.1, which a browser needs) over a demo database, and Debian's
/// Chromium driven by Playwright. Playwright's own browser download is not used: its driver (node) ships in the
/// NuGet package, the browser is /usr/bin/chromium (scripts/prerequisites.sh installs it).
/// </summary>
public sealed class BrowserApp : IAsyncLifetime, IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly TestDatabase _database = new();
    private CsKpiWebFactory? _factory;
    private IPlaywright? _playwright;

    private readonly Dictionary<string, (string Email, string Password)> _users = [];

    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The app's services: its page routes, for tests that visit every page.</summary>
    public IServiceProvider Services => _factory!.Services;

    /// <summary>Screenshots are kept as test artifacts: TestResults/screenshots at the repository root.</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("CSKPI_SCREENSHOTS")
            ?? Path.Combine(Repository.Root, "TestResults", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        // About 22 tickets a day over the 15 months: enough responses for daily charts of a team.
        await DemoData.LoadAsync(_database.ConnectionString, new DemoOptions(Tickets: 10_000), progress: null);
        _factory = new CsKpiWebFactory(_database.ConnectionString);
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseAddress = _factory.ClientOptions.BaseAddress;
        _users[Roles.Admin] = await _factory.CreateUserAsync(Roles.Admin);
        _users[Roles.Manager] = await _factory.CreateUserAsync(Roles.Manager);
        _users[Roles.Agent] = await _factory.CreateUserAsync(Roles.Agent, agentId: "A001");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
    }

    /// <summary>
    /// A fresh page at a laptop's screen size, signed in through the sign-in form as a user with
    /// <paramref name="role"/> (none: anonymous), that records console errors and uncaught exceptions.
    /// <paramref name="bypassCsp"/> lets a test inject a script (axe-core) past the app's script-src 'self'.
    /// </summary>
    public async Task<(IPage Page, List<string> Errors)> OpenAsync(
        string? role = Roles.Manager, int width = 1366, int height = 768, bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            BypassCSP = bypassCsp,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                errors.Add(message.Text);
        };
        page.PageError += (_, error) => errors.Add(error);
        if (role is not null)
            await SignInAsync(page, role);
        return (page, errors);
    }

    /// <summary>Signs in through the form, as a person would, and waits to leave the sign-in page.</summary>
    public async Task SignInAsync(IPage page, string role)
    {
        var (email, password) = _users[role];
        await page.GotoAsync("/Account/SignIn");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/SignIn", StringComparison.Ordinal));
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ScreenshotDirectory, name + ".png"),
            FullPage = true,
        });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_factory is not null)
            await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

}
