using System.Net;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;
using Npgsql;

namespace CsKpi.Web.Tests.Api;

/// <summary>An unexpected failure under /api: its own database, whose tickets and rollup state go missing.</summary>
public class ApiFailureTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task An_unhandled_error_is_a_500_problem_document_not_the_html_error_page()
    {
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Manager);
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var rename = new NpgsqlCommand(
                "ALTER TABLE tickets RENAME TO tickets_gone; "
                + "ALTER TABLE kpi_rollup_state RENAME TO kpi_rollup_state_gone",
                connection);
            await rename.ExecuteNonQueryAsync();
        }

        var response = await client.GetAsync(new Uri("/api/kpis?from=2026-03-01&to=2026-04-01", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.Should().Contain("\"status\":500").And.NotContain("<html").And.NotContain("_gone");
    }
}
