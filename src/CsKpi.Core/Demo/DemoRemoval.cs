using CsKpi.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CsKpi.Core.Demo;

/// <summary>What <see cref="DemoRemoval"/> deleted, and the demo records it kept because real ones refer to them.
/// </summary>
public sealed record DemoRemoved(long SurveyResponses, long Interactions, long Tickets, long Customers, long Agents,
    long Teams, long Kept)
{
    public long Total => SurveyResponses + Interactions + Tickets + Customers + Agents + Teams;
}

/// <summary>
/// Deletes the demo records (is_demo, set by <see cref="DemoData"/>) and nothing else, in one transaction: set-based
/// deletes, children first. A demo ticket, customer, agent or team that an imported record refers to stays, and is
/// no longer marked demo (it is the import's now). The rollups' triggers mark the days the deletes touch, as for an
/// import; demo targets and demo user accounts are settings, not records, and stay (docs/decisions.md).
/// </summary>
public static class DemoRemoval
{
    /// <summary>Whether any demo record is there (partial indexes on is_demo: cheap whatever the table's size).
    /// </summary>
    public static Task<bool> IsPresentAsync(KpiDbContext db, CancellationToken cancellationToken = default) =>
        db.Database.SqlQueryRaw<bool>(PresentSql).SingleAsync(cancellationToken);

    public static async Task<DemoRemoved> RemoveAsync(string connectionString,
        CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        async Task<long> RunAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        // Dimension ratings go with their response (ON DELETE CASCADE).
        var surveys = await RunAsync("DELETE FROM survey_responses WHERE is_demo");
        var interactions = await RunAsync("DELETE FROM interactions WHERE is_demo");
        var tickets = await RunAsync("""
            DELETE FROM tickets t WHERE t.is_demo
              AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.ticket_id = t.id)
              AND NOT EXISTS (SELECT 1 FROM survey_responses s WHERE s.ticket_id = t.id)
            """);
        var customers = await RunAsync("""
            DELETE FROM customers c WHERE c.is_demo
              AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.customer_id = c.id)
              AND NOT EXISTS (SELECT 1 FROM survey_responses s WHERE s.customer_id = c.id)
            """);
        var agents = await RunAsync("""
            DELETE FROM agents a WHERE a.is_demo
              AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.agent_id = a.id)
              AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.agent_id = a.id)
              AND NOT EXISTS (SELECT 1 FROM survey_responses s WHERE s.agent_id = a.id)
            """);
        var teams = await RunAsync("""
            DELETE FROM teams m WHERE m.is_demo
              AND NOT EXISTS (SELECT 1 FROM agents a WHERE a.team_id = m.id)
              AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.team_id = m.id)
            """);
        long kept = 0;
        foreach (var table in new[] { "tickets", "customers", "agents", "teams" })
            kept += await RunAsync($"UPDATE {table} SET is_demo = false WHERE is_demo");
        await transaction.CommitAsync(cancellationToken);
        return new DemoRemoved(surveys, interactions, tickets, customers, agents, teams, kept);
    }

    private const string PresentSql = """
        SELECT EXISTS (SELECT 1 FROM tickets WHERE is_demo) OR EXISTS (SELECT 1 FROM survey_responses WHERE is_demo)
            OR EXISTS (SELECT 1 FROM customers WHERE is_demo) OR EXISTS (SELECT 1 FROM agents WHERE is_demo)
            OR EXISTS (SELECT 1 FROM teams WHERE is_demo) OR EXISTS (SELECT 1 FROM interactions WHERE is_demo)
            AS "Value"
        """;
}
