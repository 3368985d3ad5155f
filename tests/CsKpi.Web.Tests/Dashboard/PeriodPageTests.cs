using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Dom;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Kpis;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Dashboard;
using CsKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests.Dashboard;

/// <summary>
/// Periods on the pages (issue #19 point 1): the default of the last 28 days, the comparison in the URL, notes where
/// a period reaches past the data, partial trend buckets, and a filter bar that applies on its button only. The
/// app's clock stands at noon UTC on Wednesday 2 December 2026.
/// </summary>
public class PeriodPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Without_a_period_a_page_shows_the_last_28_whole_days_ending_yesterday()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Ticket("2026-11-03T23:59:00Z"); // the day before: in the previous 28 days
            data.Ticket("2026-11-04T00:00:00Z"); // first day
            data.Ticket("2026-12-01T23:59:00Z"); // yesterday, the last day
            data.Ticket("2026-12-02T08:00:00Z"); // today: not yet
            await data.SaveAsync();
        }

        var (html, page) = await GetAsync(database, "/");

        page.Card("ticket_volume").Should().Be("2");
        page.One("[data-kpi=ticket_volume] .change").TextContent.Should().Contain("▲ +1");
        page.One("select[name=period] option[selected]").GetAttribute("value").Should().Be("last-28-days");
        html.Should().Contain("4 Nov 2026 – 1 Dec 2026")
            .And.Contain("changes compared with the 28 days before (7 Oct 2026 – 3 Nov 2026)");
        (await GetAsync(database, "/Drivers")).Document.One("select[name=period] option[selected]")
            .GetAttribute("value").Should().Be("last-28-days");
    }

    [Fact]
    public async Task A_year_earlier_comparison_is_chosen_in_the_url_and_kept_by_every_link()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Ticket("2025-11-10T08:00:00Z"); // 4 Nov … 1 Dec 2025
            data.Ticket("2026-11-10T08:00:00Z");
            data.Ticket("2026-11-11T08:00:00Z");
            data.Ticket("2026-11-12T08:00:00Z");
            await data.SaveAsync();
        }

        var (html, page) = await GetAsync(database, "/?compare=year&kpi=ticket_volume");

        page.One("[data-kpi=ticket_volume] .change").TextContent.Should().Contain("▲ +2")
            .And.Contain("vs a year earlier");
        page.One("select[name=compare] option[selected]").GetAttribute("value").Should().Be("year");
        html.Should().Contain("changes compared with the same days a year earlier (4 Nov 2025 – 1 Dec 2025)");
        page.One("[data-kpi=ticket_volume] .value a").GetAttribute("href").Should().Contain("compare=year");
        ChartJson.Read(page, "trend").Links.Should().NotBeEmpty()
            .And.OnlyContain(l => l != null && l.Contains("compare=year"));
        var breakdown = (await GetAsync(database, "/Breakdown?by=team&compare=year")).Document;
        breakdown.QuerySelectorAll("a[href*='by=']").Select(a => a.GetAttribute("href"))
            .Should().NotBeEmpty().And.OnlyContain(h => h!.Contains("compare=year"));
        // Without a choice: the previous period (kpis.md), and nothing added to the links.
        var (plain, _) = await GetAsync(database, "/");
        plain.Should().NotContain("compare=");
    }

    [Fact]
    public async Task A_comparison_before_the_data_shows_no_change_but_says_why()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Ticket("2026-03-03T08:00:00Z");
            data.Ticket("2026-03-10T08:00:00Z");
            data.Ticket("2026-11-20T08:00:00Z");
            await data.SaveAsync();
        }
        const string March = "period=custom&from=2026-03-05&to=2026-03-31";

        // Against 2 February … 4 March: it starts before the data but holds a ticket, so the change stands.
        var (previous, before) = await GetAsync(database, "/?" + March);
        var change = before.One("[data-kpi=ticket_volume] .change");
        change.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0].Should()
            .Be("0", "no change: no arrow (ChangeDisplay)");
        change.ClassList.Should().Contain("flat");
        previous.Should().Contain("The comparison period starts before the data (first record 3 Mar 2026).");
        // Against March 2025: no record at all, so no "▼ −1" as if it were real.
        var (_, page) = await GetAsync(database, "/?compare=year&" + March);
        page.QuerySelectorAll("[data-kpi=ticket_volume] .change").Should().BeEmpty();
        page.One("[data-kpi=ticket_volume] [data-coverage]").TextContent
            .Should().Be("No change shown: the comparison period is before the data (first record 3 Mar 2026).");
        // A period reaching past the last record says so too: 28 days ending 1 December, last ticket 20 November.
        (await GetAsync(database, "/")).Text
            .Should().Contain("The period ends after the data (last record 20 Nov 2026).");
    }

    [Fact]
    public async Task The_weeks_a_period_cuts_are_flagged_in_the_trend_and_named_under_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Ticket("2026-03-10T08:00:00Z");
            await data.SaveAsync();
        }

        // Wednesday 4 March … Tuesday 31 March 2026: the weeks of 2 and 30 March are cut.
        var (html, page) = await GetAsync(database,
            "/?kpi=ticket_volume&bucket=week&period=custom&from=2026-03-04&to=2026-03-31");

        using var chart = JsonDocument.Parse(page.One("script[id='trend-data']").TextContent);
        chart.RootElement.GetProperty("partial").EnumerateArray().Select(p => p.GetBoolean())
            .Should().Equal(true, false, false, false, true);
        html.Should().Contain("Partial weeks (the period cuts them; dashed line, hollow point):");
        // Whole weeks: no flags at all.
        var (_, whole) = await GetAsync(database,
            "/?kpi=ticket_volume&bucket=week&period=custom&from=2026-03-02&to=2026-03-29");
        using var wholeChart = JsonDocument.Parse(whole.One("script[id='trend-data']").TextContent);
        wholeChart.RootElement.GetProperty("partial").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_filter_bar_applies_on_its_button_and_never_on_change()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var data = new KpiData(database.CreateContext()))
        {
            data.Ticket("2026-11-10T08:00:00Z");
            await data.SaveAsync();
        }

        var (html, page) = await GetAsync(database, "/");

        var form = page.One("form[data-filters]");
        form.QuerySelectorAll("button[type=submit]").Should().ContainSingle();
        form.QuerySelectorAll("[onchange], [oninput]").Should().BeEmpty();
        html.Should().NotContain("auto-submit");
        var script = await File.ReadAllTextAsync(
            Path.Combine(Repository.Root, "src", "CsKpi.Web", "wwwroot", "js", "filters.js"));
        script.Should().NotContain("requestSubmit").And.NotContain(".submit(");
        // The period and comparison dropdowns are not cut (their class lifts the filter bar's width limit).
        form.One("select[name=period]").ClassList.Should().Contain("fits");
        form.One("select[name=compare]").ClassList.Should().Contain("fits");
    }

    [Fact]
    public void Every_period_comparison_and_coverage_text_is_translated()
    {
        var keys = DashboardQuery.Periods.Select(p => p.Label)
            .Concat(DashboardQuery.ComparisonChoices.Select(c => c.Label))
            .Concat(Enum.GetValues<CoverageCode>().Select(KpiCard.CoverageText))
            .Append("Showing the last 28 days instead.").Append("No data a year earlier to compare").ToList();
        foreach (var language in new[] { "it", "pl", "nl" })
        {
            var path = Path.Combine(Repository.Root, "src", "CsKpi.Web", "Resources",
                $"SharedResource.{language}.resx");
            var resx = XDocument.Load(path).Root!.Elements("data").Select(d => (string)d.Attribute("name")!);
            keys.Should().BeSubsetOf(resx, language);
        }
    }

    private static async Task<(string Text, IHtmlDocument Document)> GetAsync(TestDatabase database, string url)
    {
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        await using var clocked = factory.WithWebHostBuilder(b =>
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedClock(Now))));
        var client = await clocked.SignedInClientAsync(Roles.Manager);
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return Html.Read(await response.Content.ReadAsStringAsync());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
