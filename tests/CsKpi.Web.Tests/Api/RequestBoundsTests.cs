using System.Net;
using System.Xml.Linq;
using CsKpi.Core.Kpis;
using CsKpi.Web.Tests.Accounts;
using CsKpi.Web.Tests.Infrastructure;

namespace CsKpi.Web.Tests.Api;

/// <summary>
/// Request bounds (ReportBounds' defaults: periods within 1900–2200 and at most 3660 days, at most 400 day and 260
/// week buckets): a 400 problem document on the API, a message and a bounded fallback on the pages.
/// </summary>
public class RequestBoundsTests(AccessFixture app) : IClassFixture<AccessFixture>
{
    private const string OutsideDates = "Dates must lie between 1900-01-01 and 2200-01-01.";

    [Theory]
    [InlineData("from=0001-01-01&to=9999-12-31", "Dates must lie between 1900-01-01 and 2200-01-01.")]
    [InlineData("from=1899-12-31&to=1900-02-01", "Dates must lie between 1900-01-01 and 2200-01-01.")]
    [InlineData("from=2199-12-01&to=2200-01-02", "Dates must lie between 1900-01-01 and 2200-01-01.")]
    [InlineData("from=2026-03-01&to=2026-03-01", "to must be after from")]
    [InlineData("from=2000-01-01&to=2010-01-09", "A period may be at most 3660 days long; this one has 3661.")]
    [InlineData("from=2024-01-01&to=2025-02-05&groupBy=day", "At most 400 day buckets fit in a report; this period")]
    [InlineData("from=2024-01-01&to=2028-12-26&groupBy=week", "At most 260 week buckets fit in a report; this period")]
    [InlineData("from=1900-01-01&to=2100-01-01&groupBy=day", "A period may be at most 3660 days long")]
    public async Task A_report_beyond_the_bounds_is_a_400_problem_with_the_reason(string query, string reason)
    {
        var response = await app.Manager.GetAsync("/api/kpis?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain(reason);
    }

    [Theory]
    [InlineData("from=1900-01-01&to=1900-02-01")]
    [InlineData("from=2199-12-01&to=2200-01-01")]
    [InlineData("from=2000-01-01&to=2010-01-08")] // 3660 days
    [InlineData("from=2024-01-01&to=2025-02-04&groupBy=day")] // 400 days
    [InlineData("from=2024-01-01&to=2028-12-25&groupBy=week")] // 260 weeks
    public async Task A_report_at_the_bounds_is_answered(string query)
    {
        var response = await app.Manager.GetAsync("/api/kpis?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_agents_token_asking_a_century_by_day_gets_a_400_not_megabytes()
    {
        var response = await app.Agent.GetAsync("/api/kpis?agent=A1&from=1950-01-01&to=2050-01-01&groupBy=day");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("A period may be at most 3660 days long");
    }

    [Fact]
    public async Task Drivers_are_bounded_too()
    {
        var response = await app.Manager.GetAsync("/api/drivers?from=0001-01-01&to=9999-12-31");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [InlineData("/api/kpis?from=2026-03-01&to=2026-04-01", HttpStatusCode.Unauthorized, false)]
    [InlineData("/api/nothing-here", HttpStatusCode.NotFound, true)]
    public async Task The_api_never_answers_with_html(string url, HttpStatusCode status, bool signedIn)
    {
        var response = await (signedIn ? app.Manager : app.Anonymous).GetAsync(url);

        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("<html");
    }

    [Theory]
    [InlineData("/?period=custom&from=0001-01-01&to=9999-12-31", OutsideDates)]
    [InlineData("/Breakdown?period=custom&from=1800-01-01&to=2026-03-31", OutsideDates)]
    [InlineData("/Records?kpi=ticket_volume&period=custom&from=0001-01-01&to=9999-12-31", OutsideDates)]
    [InlineData("/?period=custom&from=1990-01-01&to=2020-12-31", "at most 3660 days long; this one has 11323")]
    public async Task A_page_beyond_the_bounds_says_why_and_shows_the_default_period(string url, string message)
    {
        var response = await app.Manager.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.Should().Contain(message).And.Contain("Showing the last 28 days instead.");
    }

    [Fact]
    public async Task My_stats_by_day_over_a_too_long_period_says_why_in_the_viewers_language()
    {
        var response = await app.Agent.GetAsync(
            "/MyStats?period=custom&from=1950-01-01&to=2049-12-31&bucket=day&culture=it");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.Should().Contain("Un periodo può durare al massimo 3660 giorni")
            .And.Contain("Mostro invece gli ultimi 28 giorni.");
    }

    [Fact]
    public async Task Too_many_chosen_day_buckets_fall_back_to_the_periods_own_buckets()
    {
        // 2024-01-01 … 2025-02-04 inclusive: 401 days.
        var refused = await PageAsync("/?period=custom&from=2024-01-01&to=2025-02-04&bucket=day");
        // 2024-01-01 … 2025-02-03 inclusive: 400 days, allowed.
        var allowed = await PageAsync("/?period=custom&from=2024-01-01&to=2025-02-03&bucket=day");

        refused.Should().Contain("At most 400 day buckets fit in a report; this period has 401")
            .And.Contain("<option value=\"month\" selected=\"selected\">");
        allowed.Should().NotContain("day buckets fit").And.Contain("<option value=\"day\" selected=\"selected\">");
    }

    [Fact]
    public void Every_bounds_message_has_a_translation()
    {
        var bounds = new ReportBounds();
        DateTime Day(string text) => DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var problems = new[]
        {
            bounds.Check(Day("2026-03-02"), Day("2026-03-01")),
            bounds.Check(Day("1800-01-01"), Day("2026-03-01")),
            bounds.Check(Day("1990-01-01"), Day("2026-03-01")),
            bounds.Check(Day("2024-01-01"), Day("2026-03-01"), TimeBucket.Day),
            bounds.Check(Day("2020-01-01"), Day("2026-03-01"), TimeBucket.Week),
        };
        var keys = problems.Select(p => p!.Format).Append("Showing the last 28 days instead.").ToList();
        keys.Should().OnlyHaveUniqueItems();

        foreach (var language in new[] { "it", "pl", "nl" })
        {
            var path = Path.Combine(Repository.Root, "src", "CsKpi.Web", "Resources",
                $"SharedResource.{language}.resx");
            var resx = XDocument.Load(path).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)
                .ToHashSet();
            keys.Should().BeSubsetOf(resx, language);
        }
    }

    private async Task<string> PageAsync(string url)
    {
        var response = await app.Manager.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
