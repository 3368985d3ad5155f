using System.Net;
using CsKpi.Core.Model;
using CsKpi.Core.Tests.Kpis;
using CsKpi.Web.Pages.Records;
using CsKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CsKpi.Web.Tests.Dashboard;

/// <summary>
/// Issue #19 point 5: three agents called Eva Rossi, a ticket created 15 March 2026 08:05 UTC (09:05 in Rome) whose
/// id needs URL-encoding, and customers for churn and retention in March.
/// </summary>
public sealed class RecordDisplayData : SeededApp
{
    private protected override void Seed(KpiData data)
    {
        var evas = new[] { data.Agent("E1", team: "Blue"), data.Agent("E2", team: "Blue"), data.Agent("E3", "Red") };
        foreach (var eva in evas)
            eva.Name = "Eva Rossi";
        // 1 March: four active; one leaves in March; one joins and leaves in March; one joins and stays.
        data.Customer("2025-06-01");
        data.Customer("2025-09-01", "2026-03-15");
        data.Customer("2026-02-28");
        data.Customer("2026-01-01");
        data.Customer("2026-03-05", "2026-03-20");
        data.Customer("2026-03-10");
        data.Ticket("2026-03-15T08:05:00Z", Channel.Email, evas[1]).SourceId = "ZD/7 ?";
    }
}

public class RecordDisplayTests(RecordDisplayData data) : IClassFixture<RecordDisplayData>
{
    private const string March = "period=custom&from=2026-03-01&to=2026-03-31";
    private const string TicketUrl = "https://help.example.com/tickets/{id}";

    private WebApplicationFactory<Program> Rome() => data.Factory.WithWebHostBuilder(b => b
        .UseSetting("Organization:TimeZone", "Europe/Rome")
        .UseSetting("Organization:TicketUrl", TicketUrl));

    [Theory]
    [InlineData("en", "15 Mar 2026 9:05 AM")]
    [InlineData("it", "15 mar 2026 09:05")]
    public async Task Times_are_the_organisations_local_time_in_the_pages_language(string culture, string shown)
    {
        await using var rome = Rome();
        var manager = await rome.SignedInClientAsync(Roles.Manager);

        var page = await manager.GetDocumentAsync($"/Records?kpi=ticket_volume&culture={culture}&" + March);

        // 08:05 UTC is 09:05 in Rome (UTC+1 until the last Sunday of March).
        // ICU puts a narrow no-break space before AM: compared as a space.
        page.One("tr[data-record] td").TextContent.Trim().Replace('\u202F', ' ').Should().Be(shown);
        var csv = await manager.GetStringAsync("/Records?kpi=ticket_volume&handler=Csv&" + March);
        csv.Split('\n')[1].Should().StartWith("ZD/7 ?,2026-03-15T08:05:00Z,", "the CSV keeps UTC for machines");
    }

    [Fact]
    public async Task A_ticket_id_links_to_the_help_desk_encoded_and_without_an_opener()
    {
        await using var rome = Rome();
        var manager = await rome.SignedInClientAsync(Roles.Manager);

        var link = (await manager.GetDocumentAsync("/Records?kpi=ticket_volume&" + March))
            .One("tr[data-record] th a");

        link.GetAttribute("href").Should().Be("https://help.example.com/tickets/ZD%2F7%20%3F");
        link.GetAttribute("rel").Should().Contain("noopener");
        link.TextContent.Should().Be("ZD/7 ?");
        var plain = await data.Factory.SignedInClientAsync(Roles.Manager);
        (await plain.GetDocumentAsync("/Records?kpi=ticket_volume&" + March)).Count("tr[data-record] th a")
            .Should().Be(0, "without the setting an id is plain text");
    }

    [Theory]
    [InlineData("javascript:alert({id})")]
    [InlineData("/tickets/{id}")]
    [InlineData("https://help.example.com/tickets/")]
    public void A_ticket_url_that_is_not_http_with_an_id_is_refused_at_startup(string url)
    {
        TicketLinks.IsValid(url).Should().BeFalse();
        using var refused = data.Factory.WithWebHostBuilder(b => b.UseSetting("Organization:TicketUrl", url));
        FluentActions.Invoking(() => refused.CreateClient()).Should().Throw<Exception>()
            .Which.ToString().Should().Contain("Organization:TicketUrl");
    }

    [Fact]
    public void A_ticket_url_setting_accepts_http_and_https_and_encodes_the_id()
    {
        (TicketLinks.IsValid(null), TicketLinks.IsValid(TicketUrl), TicketLinks.IsValid("http://x/{id}"))
            .Should().Be((true, true, true));
        new TicketLinks("https://h/t?id={id}").For("a&b c").Should().Be("https://h/t?id=a%26b%20c");
        TicketLinks.None.For("T1").Should().BeNull();
    }

    [Fact]
    public async Task Agents_whose_names_repeat_are_named_with_their_id()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);

        var records = await manager.GetDocumentAsync("/Records?kpi=ticket_volume&" + March);
        var breakdown = await manager.GetDocumentAsync("/Breakdown?by=agent&" + March);
        var overview = await manager.GetDocumentAsync("/?" + March);
        var benchmarks = WebUtility.HtmlDecode(await manager.GetStringAsync("/Benchmarks?agent=E2&" + March));

        records.QuerySelectorAll("tr[data-record] td").Select(c => c.TextContent.Trim())
            .Should().Contain("Eva Rossi (E2)");
        breakdown.QuerySelectorAll("#breakdown tbody th").Select(c => c.TextContent.Trim())
            .Should().Contain(["Eva Rossi (E1)", "Eva Rossi (E2)", "Eva Rossi (E3)"]);
        overview.QuerySelectorAll("select[name=agent] option").Select(o => o.TextContent.Trim())
            .Should().Contain(["Eva Rossi (E1)", "Eva Rossi (E2)", "Eva Rossi (E3)"]);
        benchmarks.Should().Contain("Benchmarks: Eva Rossi (E2)");
    }

    [Fact]
    public async Task Churn_lists_the_churned_and_retention_the_retained_customers()
    {
        var manager = await data.Factory.SignedInClientAsync(Roles.Manager);

        var (churn, churnPage) = Html.Read(await manager.GetStringAsync("/Records?kpi=churn&" + March));
        var (retention, retentionPage) = Html.Read(await manager.GetStringAsync("/Records?kpi=retention&" + March));

        // Active on 1 March: C1, C2, C3, C4 (4). Churned: C2 (15 March). Retained: C1, C3, C4. Retention's numerator:
        // active on 1 April (C1, C3, C4, C6 = 4) − new in March (C5, C6 = 2) = 2 = 3 retained − 1 new who left (C5).
        churn.Should().Contain("1 customers: the ones active when the period starts who cancelled in it");
        churnPage.QuerySelectorAll("tr[data-record]").Select(r => r.GetAttribute("data-record"))
            .Should().Equal("C2");
        retention.Should().Contain("3 customers: the ones active when the period starts and still active when it ends")
            .And.Contain("The rate also subtracts 1 new customers who joined and left within the period");
        retentionPage.QuerySelectorAll("tr[data-record]").Select(r => r.GetAttribute("data-record"))
            .Should().Equal("C1", "C4", "C3");
    }
}
