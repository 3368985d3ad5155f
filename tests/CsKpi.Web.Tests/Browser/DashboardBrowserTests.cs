using System.Text.RegularExpressions;
using CsKpi.Core.Model;
using Microsoft.Playwright;

namespace CsKpi.Web.Tests.Browser;

/// <summary>
/// The dashboard in a real browser over demo data: charts draw, nothing logs an error, filters live in the URL,
/// exports download, a laptop screen needs no sideways scrolling; managers and agents sign in through the form and
/// an agent cannot reach anyone else's numbers.
/// </summary>
public class DashboardBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    // Demo data covers the 180 days up to today, so last month is always full.
    private const string LastMonth = "period=last-month";

    [Theory]
    [InlineData("overview", Roles.Manager, "/?" + LastMonth, 6)]
    [InlineData("drivers", Roles.Manager, "/Drivers?" + LastMonth, 1)]
    [InlineData("my-stats", Roles.Agent, "/MyStats?period=last-quarter", 3)]
    [InlineData("my-stats-manager", Roles.Manager, "/MyStats?agent=A002&period=last-quarter", 3)]
    public async Task Every_chart_draws_with_no_console_errors(string name, string role, string url, int charts)
    {
        var (page, errors) = await app.OpenAsync(role);

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
        // Choosing reloads nothing (a keyboard user may be browsing the options); Apply does.
        (await page.EvaluateAsync<int>("performance.getEntriesByType('navigation').length")).Should().Be(1);
        page.Url.Should().NotContain("team=");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("team=Billing"));

        page.Url.Should().Contain("period=last-month").And.NotContain("agent=").And.NotContain("from=");
        (await volume.InnerTextAsync()).Should().NotBe(before);
        (await page.Locator("select[name=team]").InputValueAsync()).Should().Be("Billing");
        await BrowserApp.ScreenshotAsync(page, "overview-team-billing");
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Clicking_a_trend_point_opens_the_tickets_behind_it()
    {
        var (page, errors) = await app.OpenAsync();
        await page.GotoAsync("/?kpi=ticket_volume&bucket=week&" + LastMonth);
        var canvas = page.Locator("canvas[data-chart=trend]");
        await canvas.ScrollIntoViewIfNeededAsync();

        // Where Chart.js drew the second point, in page coordinates.
        var point = await canvas.EvaluateAsync<double[]>("""
            c => {
                const p = Chart.getChart(c).getDatasetMeta(0).data[1];
                const r = c.getBoundingClientRect();
                return [r.left + p.x, r.top + p.y];
            }
            """);
        await page.Mouse.ClickAsync((float)point[0], (float)point[1]);
        await page.WaitForURLAsync(new Regex("/Records\\?"));

        page.Url.Should().Contain("kpi=ticket_volume").And.Contain("period=custom");
        (await page.Locator("h1").InnerTextAsync()).Should().StartWith("Tickets behind");
        (await page.Locator("#records tbody tr").CountAsync()).Should().BeGreaterThan(0);
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task The_csat_trend_spans_0_to_100_percent_with_straight_lines_until_the_reader_zooms()
    {
        var (page, errors) = await app.OpenAsync();
        await page.GotoAsync("/?kpi=csat&bucket=week&" + LastMonth);
        var canvas = page.Locator("canvas[data-chart=trend]");
        const string Ends = "c => { const y = Chart.getChart(c).scales.y; return [y.min, y.max]; }";

        (await canvas.EvaluateAsync<double[]>(Ends)).Should().Equal(0, 100);
        (await canvas.EvaluateAsync<double>("c => Chart.getChart(c).data.datasets[0].tension")).Should().Be(0);

        var zoom = page.Locator("#chart-trend button.zoom");
        await zoom.ClickAsync();
        (await zoom.GetAttributeAsync("aria-pressed")).Should().Be("true");
        (await canvas.EvaluateAsync<double[]>(Ends))[0].Should().BeGreaterThan(0, "zoomed to the weeks' CSAT");
        await zoom.ClickAsync();
        (await canvas.EvaluateAsync<double[]>(Ends)).Should().Equal(0, 100);
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
            "[...document.querySelectorAll('#breakdown tbody tr td:nth-of-type(1)')]"
            + ".filter(td => td.dataset.sort !== '').map(td => Number(td.dataset.sort))");
        volumes.Should().NotBeEmpty().And.BeInDescendingOrder();
    }

    [Fact]
    public async Task A_manager_signs_in_and_lands_on_the_overview()
    {
        var (page, errors) = await app.OpenAsync(role: null);
        await page.GotoAsync("/?" + LastMonth);
        page.Url.Should().Contain("/Account/SignIn?ReturnUrl=", "the dashboard needs a sign-in");
        await BrowserApp.ScreenshotAsync(page, "sign-in");

        await app.SignInAsync(page, Roles.Manager);

        new Uri(page.Url).AbsolutePath.Should().Be("/");
        (await page.Locator("article.card").CountAsync()).Should().BeGreaterThan(10);
        (await page.GetByRole(AriaRole.Link, new() { Name = "Breakdowns" }).IsVisibleAsync()).Should().BeTrue();
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task An_agent_signs_in_to_their_own_stats_and_cannot_reach_another_agents()
    {
        var (page, errors) = await app.OpenAsync(Roles.Agent);

        new Uri(page.Url).AbsolutePath.Should().Be("/MyStats");
        (await page.Locator("h1").InnerTextAsync()).Should().StartWith("My stats: ");
        (await page.Locator("#my-stats tbody tr").CountAsync()).Should().BeGreaterThan(5);
        (await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).CountAsync())
            .Should().Be(0, "agents get no manager menu");
        await BrowserApp.ScreenshotAsync(page, "agent-my-stats");

        foreach (var url in new[]
            { "/MyStats?agent=A002&period=last-month", "/?period=last-month", "/Breakdown?by=agent", "/Admin/Users" })
        {
            var response = await page.GotoAsync(url);
            response!.Status.Should().Be(403, url);
            (await page.Locator("h1").InnerTextAsync()).Should().Be("Not for your account");
            (await page.Locator("[data-kpi]").CountAsync()).Should().Be(0);
        }
        await BrowserApp.ScreenshotAsync(page, "agent-refused");
        errors.Where(e => !e.Contains("403", StringComparison.Ordinal)).Should().BeEmpty();
    }

    [Fact]
    public async Task Browsing_the_period_with_the_keyboard_reloads_nothing_until_apply()
    {
        var (page, errors) = await app.OpenAsync();
        await page.GotoAsync("/?" + LastMonth);
        var period = page.Locator("select[name=period]");

        await period.FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");

        (await period.InputValueAsync()).Should().NotBe("last-month", "the arrows moved the choice");
        page.Url.Should().Contain(LastMonth);
        (await page.EvaluateAsync<int>("performance.getEntriesByType('navigation').length")).Should().Be(1);
        var chosen = await period.InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("period=" + chosen));
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_weekly_trend_draws_its_cut_weeks_hollow()
    {
        var (page, errors) = await app.OpenAsync();
        // 90 days are 12 weeks and 6 days: at least one end of the trend is a partial week.
        await page.GotoAsync("/?kpi=ticket_volume&bucket=week&period=last-90-days");
        var canvas = page.Locator("canvas[data-chart=trend]");
        await canvas.ScrollIntoViewIfNeededAsync();

        var fills = await canvas.EvaluateAsync<string[]>(
            "c => Chart.getChart(c).data.datasets[0].pointBackgroundColor");
        var partial = await page.EvaluateAsync<bool[]>(
            "JSON.parse(document.getElementById('trend-data').textContent).partial");

        partial.Should().Contain(true).And.HaveCount(fills.Length);
        fills.Where((_, i) => partial[i]).Should().OnlyContain(f => f == "#fff");
        fills.Where((_, i) => !partial[i]).Should().NotContain("#fff");
        (await page.Locator("#chart-trend .note").InnerTextAsync()).Should().Contain("Partial weeks");
        errors.Should().BeEmpty();
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
