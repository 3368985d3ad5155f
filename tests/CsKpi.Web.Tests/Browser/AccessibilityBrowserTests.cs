using CsKpi.Core.Model;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CsKpi.Web.Tests.Browser;

/// <summary>
/// Every page for every role passes axe-core's WCAG 2.2 AA rules and best practices with no violation of any impact
/// (a page a role may not open shows the 403 page, which is audited instead); a keyboard meets the skip link first,
/// sees where the focus is, and browsing the language list does not reload the page.
/// </summary>
public class AccessibilityBrowserTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    /// <summary>States of pages that their bare address does not show: a records list, a breakdown by agent.</summary>
    private static readonly string[] MoreStates =
        ["/Records?kpi=csat&period=last-month", "/Breakdown?by=agent&period=last-month", "/MyStats?agent=A002"];

    public static TheoryData<string> SignedInRoles => new() { Roles.Admin, Roles.Manager, Roles.Agent };

    [Theory]
    [MemberData(nameof(SignedInRoles))]
    public async Task Every_page_passes_axe_for_the_role(string role)
    {
        var (page, _) = await app.OpenAsync(role, bypassCsp: true);
        var found = new List<string>();

        foreach (var url in PageUrls().Concat(MoreStates))
            found.AddRange(await AuditAsync(page, url, role));

        found.Should().BeEmpty("axe-core finds no violation on any page:\n" + string.Join("\n", found));
    }

    [Fact]
    public async Task The_sign_in_page_passes_axe_signed_out()
    {
        var (page, _) = await app.OpenAsync(role: null, bypassCsp: true);

        var found = await AuditAsync(page, "/Account/SignIn", "signed out");

        found.Should().BeEmpty("axe-core finds no violation:\n" + string.Join("\n", found));
    }

    [Fact]
    public async Task The_first_tab_reaches_the_skip_link_which_moves_to_the_content()
    {
        var (page, _) = await app.OpenAsync();
        await page.GotoAsync("/?period=last-month");

        await page.Keyboard.PressAsync("Tab");

        (await page.EvaluateAsync<string>("document.activeElement.textContent.trim()")).Should().Be("Skip to content");
        (await page.EvaluateAsync<string>("document.activeElement.getAttribute('href')")).Should().Be("#content");
        (await page.EvaluateAsync<bool>("document.activeElement.getBoundingClientRect().top >= 0"))
            .Should().BeTrue("the skip link shows when it has the focus");
        await page.Keyboard.PressAsync("Enter");
        (await page.EvaluateAsync<string>("document.activeElement.id")).Should().Be("content");
    }

    [Fact]
    public async Task Every_focusable_element_shows_a_focus_outline()
    {
        var (page, _) = await app.OpenAsync(Roles.Admin);
        await page.GotoAsync("/Breakdown?by=agent&period=last-month");
        var missing = new List<string>();

        // Tab through the top bar, the filters, the tabs and the first table headers.
        for (var i = 0; i < 30; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string[]>("""
                () => {
                  const e = document.activeElement, s = getComputedStyle(e);
                  return [s.outlineStyle, s.outlineWidth, e.outerHTML.slice(0, 80)];
                }
                """);
            // 3px: the app's own ring (site.css), not the browser's default.
            if (focused[0] == "none" || focused[1] != "3px")
                missing.Add(focused[2]);
        }

        missing.Should().BeEmpty("every element the keyboard reaches shows an outline");
    }

    [Fact]
    public async Task Browsing_the_language_list_with_the_keyboard_does_not_reload_the_page()
    {
        var (page, errors) = await app.OpenAsync();
        await page.GotoAsync("/?period=last-month");
        var url = page.Url;
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;
        var picker = page.Locator("select[name=culture]");

        await picker.FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");

        (await picker.InputValueAsync()).Should().Be("pl", "the arrows choose another language");
        navigations.Should().Be(0, "choosing is not submitting");
        page.Url.Should().Be(url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change language" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("pl");
        (await page.GetByRole(AriaRole.Button, new() { Name = "Zmień język" }).IsVisibleAsync()).Should().BeTrue();
        errors.Should().BeEmpty();
    }

    /// <summary>Every Razor page's address, found from the app's routes so that a new page is audited too.</summary>
    private IEnumerable<string> PageUrls() =>
        app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>()
            // The language picker's POST target: its GET only redirects home.
            .Where(p => p.ViewEnginePath != "/Language")
            .GroupBy(p => p.ViewEnginePath)
            .Select(g => "/" + g.Select(p => p.AttributeRouteInfo!.Template!).MinBy(t => t.Length))
            .Order(StringComparer.Ordinal);

    private async Task<List<string>> AuditAsync(IPage page, string url, string role)
    {
        var response = await page.GotoAsync(url);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var violations = await AxeAudit.RunAsync(page);
        output.WriteLine($"{role} {url}: HTTP {response?.Status}, {violations.Count} violation(s)");
        return [.. violations.Select(v => Describe(v, url, role))];
    }

    private static string Describe(AxeAudit.Violation v, string url, string role)
    {
        var lines = v.Targets.Take(5).Select(t => "    " + t)
            .Concat(v.Targets.Count > 5 ? [$"    … and {v.Targets.Count - 5} more"] : []);
        return string.Join("\n", lines.Prepend($"[{v.Impact}] {v.Rule} ({v.Help}) on {url} as {role}:"));
    }
}
