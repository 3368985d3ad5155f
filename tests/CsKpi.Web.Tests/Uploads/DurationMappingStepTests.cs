using System.Net;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;

namespace CsKpi.Web.Tests.Uploads;

/// <summary>
/// The mapping step for first response and resolution times given as durations after created_at: the unit named by
/// the header is chosen, a bare number's unit is asked (the import waits for it), the preview shows computed times.
/// </summary>
public partial class UploadPageTests
{
    private const string DurationExport =
        "Ticket;Opened;Via;First response time;resolution_hours\n" +
        "T1;2026-03-02T09:00:00Z;email;261,3;1,5\n" +
        "T2;2026-03-03T10:00:00Z;chat;42;\n";

    [Fact]
    public async Task A_duration_column_shows_its_unit_a_bare_number_asks_for_one_and_the_preview_computes_the_times()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Admin);

        var (status, page) = await PostUploadAsync(client, "tickets", "durations.csv", DurationExport);

        status.Should().Be(HttpStatusCode.OK);
        var fields = MapFields(page);
        InRow(fields, ".Target", "0.resolved_at", ".Header").Should().Be("resolution_hours");
        InRow(fields, ".Target", "0.resolved_at", ".Unit").Should().Be("hours", "the header names hours");
        InRow(fields, ".Target", "0.first_response_at", ".Header").Should().Be("First response time");
        InRow(fields, ".Target", "0.first_response_at", ".Unit").Should().BeEmpty("a bare number is not guessed");
        page.Should().Contain("— choose the unit —").And.Contain("Its values are durations: say their unit.");
        page.Should().Contain("<td>2026-03-02 10:30</td>", "09:00 + 1,5 hours");

        fields["Step"] = "import";
        var refused = await client.PostAsync(Page + "?handler=Map", new FormUrlEncodedContent(fields));
        refused.StatusCode.Should().Be(HttpStatusCode.OK, "nothing is imported until the unit is chosen");
        (await refused.Content.ReadAsStringAsync())
            .Should().Contain("Say the unit of each duration column: seconds, minutes, hours or hh:mm:ss.");

        var unit = fields.Single(f => f.Key.EndsWith(".Target", StringComparison.Ordinal)
            && f.Value == "0.first_response_at").Key.Replace(".Target", ".Unit", StringComparison.Ordinal);
        fields[unit] = "minutes";
        fields["Step"] = "check";
        var checkedPage = await (await client.PostAsync(Page + "?handler=Map", new FormUrlEncodedContent(fields)))
            .Content.ReadAsStringAsync();
        checkedPage.Should().Contain("<td>2026-03-02 13:21</td>", "09:00 + 261,3 minutes")
            .And.NotContain("Its values are durations");
        fields["Step"] = "import";
        var imported = await client.PostAsync(Page + "?handler=Map", new FormUrlEncodedContent(fields));

        imported.StatusCode.Should().Be(HttpStatusCode.Redirect, await imported.Content.ReadAsStringAsync());
        (await FinishedPageAsync(client, JobId(imported))).Should().Contain("Imported 2 rows");
        (await ScalarAsync(database, "SELECT string_agg(source_id || '=' || to_char(first_response_at AT TIME ZONE "
                + "'UTC', 'HH24:MI:SS') || '/' || coalesce(to_char(resolved_at AT TIME ZONE 'UTC', 'HH24:MI'), '-'), "
                + "',' ORDER BY source_id) FROM tickets"))
            .Should().Be("T1=13:21:18/10:30,T2=10:42:00/-");
    }
}
