using Microsoft.Playwright;

namespace CsKpi.Web.Tests.Browser;

/// <summary>
/// The dashboard in a real browser over demo data: charts draw, nothing logs an error, filters live in the URL,
/// exports download, a laptop screen needs no sideways scrolling. (Sign-in and agent isolation come with sign-in.)
/// </summary>
public class DashboardBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    // Demo data covers the 180 days up to today, so last month is always full.
    private const string LastMonth = "period=last-month";

    [Theory]
    [InlineData("overview", "/?" + LastMonth, 6)]
    [InlineData("drivers", "/Drivers?" + LastMonth, 1)]
    [InlineData("my-stats", "/MyStats?agent=A001&period=last-quarter", 3)]
    public async Task Every_chart_draws_with_no_console_errors(string name, string url, int charts)
    {
        var (page, errors) = await app.OpenAsync();

        await page.GotoAsync(url);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await BrowserApp.ScreenshotAsync(page, name);

        var canvases = page.Locator("canvas[data-chart]");
        (await canvases.CountAsync()).Should().Be(charts);
        for (var i = 0; i < charts; i++)
            (await IsDrawnAsync(canvases.Nth(i))).Should().BeTrue($"chart {i} on {name} should have drawn");
        foreach (var spark in await page.Locator("canvas.spark").AllAsync())
            (await IsDrawnAsync(spark)).Should().BeTrue();
        errors.Should().BeEmpty();
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
            .Should().BeTrue("a laptop screen should need no horizontal scrolling");
    }

    [Fact]
    public async Task Changing_a_filter_changes_the_url_and_the_numbers()
    {
        var (page, errors) = await app.OpenAsync();
        await page.GotoAsync("/?" + LastMonth);
        var volume = page.Locator("[data-kpi=ticket_volume] .value");
        var before = await volume.InnerTextAsync();

        await page.Locator("select[name=team]").SelectOptionAsync("Billing");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("team=Billing"));

        page.Url.Should().Contain("period=last-month").And.NotContain("agent=").And.NotContain("from=");
        (await volume.InnerTextAsync()).Should().NotBe(before);
        (await page.Locator("select[name=team]").InputValueAsync()).Should().Be("Billing");
        await BrowserApp.ScreenshotAsync(page, "overview-team-billing");
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_breakdown_downloads_as_csv()
    {
        var (page, errors) = await app.OpenAsync();
        await page.GotoAsync("/Breakdown?by=agent&" + LastMonth);
        await BrowserApp.ScreenshotAsync(page, "breakdown-agent");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[data-export=csv]").ClickAsync());

        download.SuggestedFilename.Should().StartWith("cskpi-agent-").And.EndWith(".csv");
        var path = Path.Combine(BrowserApp.ScreenshotDirectory, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        var lines = await File.ReadAllLinesAsync(path);
        lines[0].Should().StartWith("agent,name,csat,");
        lines.Length.Should().BeGreaterThan(1);
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_breakdown_table_sorts_by_a_column()
    {
        var (page, _) = await app.OpenAsync();
        await page.GotoAsync("/Breakdown?by=agent&" + LastMonth);

        await page.Locator("#breakdown thead th", new() { HasText = "Ticket volume" }).Locator("button").ClickAsync();
        await page.Locator("#breakdown thead th", new() { HasText = "Ticket volume" }).Locator("button").ClickAsync();

        var volumes = await page.EvaluateAsync<double[]>(
            "[...document.querySelectorAll('#breakdown tbody tr td:nth-of-type(1)')].filter(td => td.dataset.sort !== '').map(td => Number(td.dataset.sort))");
        volumes.Should().NotBeEmpty().And.BeInDescendingOrder();
    }

    /// <summary>A canvas has drawn when any pixel is not transparent.</summary>
    private static Task<bool> IsDrawnAsync(ILocator canvas) => canvas.EvaluateAsync<bool>("""
        c => {
          if (!c.width || !c.height) return false;
          const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
          return false;
        }
        """);
}
