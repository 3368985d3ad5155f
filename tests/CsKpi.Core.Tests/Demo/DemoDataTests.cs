using CsKpi.Core.Demo;
using CsKpi.Core.Kpis;
using CsKpi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CsKpi.Core.Tests.Demo;

public class DemoDataTests
{
    private static readonly DemoOptions Small = new(Tickets: 600, Seed: 3, Until: new DateOnly(2026, 3, 1), Days: 60);

    [Fact]
    public async Task Same_seed_gives_the_same_data()
    {
        await using var first = await TestDatabase.CreateAsync();
        await using var second = await TestDatabase.CreateAsync();
        await DemoData.LoadAsync(first.ConnectionString, Small, progress: null);
        await DemoData.LoadAsync(second.ConnectionString, Small, progress: null);

        var a = KpiReportWriter.ToJson(await ReportAsync(first));
        var b = KpiReportWriter.ToJson(await ReportAsync(second));

        a.Should().Be(b);
        a.Should().Contain("\"ticket_volume\"");
        (await ReportAsync(first)).Kpis[KpiRegistry.Csat].Value.Should().BeInRange(50, 95,
            "demo CSAT looks like a real support team's");
    }

    [Fact]
    public async Task Interaction_counts_written_by_the_loader_match_the_interactions()
    {
        await using var database = await TestDatabase.CreateAsync();
        await DemoData.LoadAsync(database.ConnectionString, Small, progress: null);

        (await ScalarAsync(database,
            "SELECT count(*) FROM tickets t WHERE interaction_count <> " +
            "(SELECT count(*) FROM interactions i WHERE i.ticket_id = t.id)")).Should().Be(0);
        (await ScalarAsync(database, RepeatMismatches)).Should().Be(0);
        (await ScalarAsync(database, "SELECT count(*) FROM tickets WHERE repeat_contact")).Should().BeGreaterThan(0);
        (await ScalarAsync(database, "SELECT count(*) FROM interactions")).Should().BeGreaterThan(600);
    }

    [Fact]
    public async Task Interaction_count_follows_inserts_moves_and_deletes_of_interactions()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO agents (source_id, name) VALUES ('a', 'A');
            INSERT INTO tickets (source_id, created_at, channel, reopened)
            VALUES ('t1', now(), 'chat', false), ('t2', now(), 'chat', false);
            INSERT INTO interactions (source_id, ticket_id, agent_id, started_at, talk_seconds, hold_seconds,
                wrap_seconds, channel)
            SELECT 'i' || n, (SELECT id FROM tickets WHERE source_id = 't1'), (SELECT id FROM agents), now(), 1, 0, 0,
                'chat' FROM generate_series(1, 3) n;
            """);
        (await CountsAsync(database)).Should().Be((3, 0));

        await db.Database.ExecuteSqlRawAsync(
            "UPDATE interactions SET ticket_id = (SELECT id FROM tickets WHERE source_id = 't2') " +
            "WHERE source_id = 'i1'");
        (await CountsAsync(database)).Should().Be((2, 1));

        await db.Database.ExecuteSqlRawAsync("DELETE FROM interactions WHERE source_id IN ('i2', 'i1')");
        (await CountsAsync(database)).Should().Be((1, 0));
    }

    [Fact]
    public async Task Repeat_contact_flags_follow_inserts_updates_and_deletes_of_tickets()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO customers (source_id) VALUES ('c');
            INSERT INTO tickets (source_id, created_at, channel, reopened, customer_id)
            SELECT 't' || n, timestamptz '2026-03-01T10:00Z' + (n * interval '3 days'), 'chat', false,
                (SELECT id FROM customers) FROM generate_series(1, 3) n;
            """);
        (await FlagsAsync(database)).Should().Be("t1:f t2:t t3:t");

        await db.Database.ExecuteSqlRawAsync(
            "UPDATE tickets SET created_at = created_at + interval '10 days' WHERE source_id = 't3'");
        (await FlagsAsync(database)).Should().Be("t1:f t2:t t3:f");

        await db.Database.ExecuteSqlRawAsync("DELETE FROM tickets WHERE source_id = 't1'");
        (await FlagsAsync(database)).Should().Be("t2:f t3:f");
        (await ScalarAsync(database, RepeatMismatches)).Should().Be(0);
    }

    private const string RepeatMismatches = """
        SELECT count(*) FROM tickets t WHERE repeat_contact IS DISTINCT FROM (t.customer_id IS NOT NULL AND EXISTS (
            SELECT 1 FROM tickets o WHERE o.customer_id = t.customer_id AND o.created_at < t.created_at
                AND o.created_at >= t.created_at - interval '168 hours'))
        """;

    private static async Task<string> FlagsAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT string_agg(source_id || ':' || CASE WHEN repeat_contact THEN 't' ELSE 'f' END, ' ' " +
            "ORDER BY source_id) FROM tickets", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<(long, long)> CountsAsync(TestDatabase database) =>
        (await ScalarAsync(database, "SELECT interaction_count FROM tickets WHERE source_id = 't1'"),
         await ScalarAsync(database, "SELECT interaction_count FROM tickets WHERE source_id = 't2'"));

    private static async Task<KpiReport> ReportAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var february = ReportPeriod.Dates(new(2026, 2, 1), new(2026, 3, 1), TimeZoneInfo.Utc);
        return await new KpiReports(db).RunAsync(new KpiRequest(february, KpiFilters.None, Grouping.Week));
    }

    private static async Task<long> ScalarAsync(TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
