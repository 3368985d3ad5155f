using CsKpi.Core.Data;
using CsKpi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CsKpi.Core.Tests.Data;

public class SchemaTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Migrations_match_the_model()
    {
        await using var db = database.CreateContext();
        db.Database.HasPendingModelChanges().Should().BeFalse("a model change needs `dotnet ef migrations add`");
        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Timestamps_are_timestamptz_and_names_are_snake_case()
    {
        var types = await QueryAsync("SELECT table_name || '.' || column_name || ':' || data_type " +
            "FROM information_schema.columns WHERE table_schema = 'public' AND column_name LIKE '%\\_at'");
        types.Should().Contain("tickets.first_response_at:timestamp with time zone")
            .And.Contain("interactions.started_at:timestamp with time zone")
            .And.Contain("survey_responses.submitted_at:timestamp with time zone")
            .And.OnlyContain(t => t.EndsWith(":timestamp with time zone", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("csat", 0)]
    [InlineData("csat", 6)]
    [InlineData("nps", 11)]
    [InlineData("nps", -1)]
    [InlineData("ces", 8)]
    [InlineData("enps", 11)]
    public async Task Database_rejects_a_score_outside_its_survey_scale(string kind, int score)
    {
        var act = () => ExecuteAsync("INSERT INTO survey_responses (source_id, kind, score, submitted_at) " +
            $"VALUES ('s-{kind}-{score}', '{kind}', {score}, now())");
        (await act.Should().ThrowAsync<PostgresException>())
            .Which.SqlState.Should().Be(PostgresErrorCodes.CheckViolation);
    }

    [Theory]
    [InlineData("csat", 1)]
    [InlineData("csat", 5)]
    [InlineData("nps", 0)]
    [InlineData("nps", 10)]
    [InlineData("ces", 7)]
    public async Task Database_accepts_a_score_at_the_edge_of_its_scale(string kind, int score) =>
        await ExecuteAsync("INSERT INTO survey_responses (source_id, kind, score, submitted_at) " +
            $"VALUES ('ok-{kind}-{score}', '{kind}', {score}, now())");

    [Fact]
    public async Task Database_rejects_a_response_before_the_ticket_was_created()
    {
        var act = () => ExecuteAsync("INSERT INTO tickets (source_id, created_at, channel, reopened, " +
            "first_response_at) VALUES ('early', '2026-03-01T10:00Z', 'email', false, '2026-03-01T09:59Z')");
        (await act.Should().ThrowAsync<PostgresException>())
            .Which.ConstraintName.Should().Be("ck_tickets_first_response_not_before_creation");
    }

    [Fact]
    public async Task Database_rejects_negative_seconds_and_interactions_of_unknown_tickets()
    {
        await ExecuteAsync("INSERT INTO agents (source_id, name) VALUES ('neg-a', 'A'); " +
            "INSERT INTO tickets (source_id, created_at, channel, reopened) VALUES ('neg-t', now(), 'chat', false)");
        var negative = () => ExecuteAsync("INSERT INTO interactions (source_id, ticket_id, agent_id, started_at, " +
            "talk_seconds, hold_seconds, wrap_seconds, channel) SELECT 'neg-i', t.id, a.id, now(), -1, 0, 0, 'chat' " +
            "FROM tickets t, agents a WHERE t.source_id = 'neg-t' AND a.source_id = 'neg-a'");
        (await negative.Should().ThrowAsync<PostgresException>())
            .Which.SqlState.Should().Be(PostgresErrorCodes.CheckViolation);
        var orphan = () => ExecuteAsync("INSERT INTO interactions (source_id, ticket_id, agent_id, started_at, " +
            "talk_seconds, hold_seconds, wrap_seconds, channel) SELECT 'orphan-i', -5, a.id, now(), 1, 0, 0, 'chat' " +
            "FROM agents a WHERE a.source_id = 'neg-a'");
        (await orphan.Should().ThrowAsync<PostgresException>())
            .Which.SqlState.Should().Be(PostgresErrorCodes.ForeignKeyViolation);
    }

    [Fact]
    public async Task Database_keeps_one_company_wide_target_per_kpi()
    {
        await ExecuteAsync("INSERT INTO targets (kpi_key, value) VALUES ('csat', 80)");
        var second = () => ExecuteAsync("INSERT INTO targets (kpi_key, value) VALUES ('csat', 85)");
        (await second.Should().ThrowAsync<PostgresException>())
            .Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
    }

    [Fact]
    public async Task Kpi_timestamps_are_indexed()
    {
        var indexes = await QueryAsync("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'");
        indexes.Should().Contain(["ix_tickets_created_at", "ix_tickets_resolved_at", "ix_interactions_started_at",
            "ix_survey_responses_submitted_at", "ix_tickets_customer_id_created_at"]);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var db = database.CreateContext();
        return await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
    }
}
