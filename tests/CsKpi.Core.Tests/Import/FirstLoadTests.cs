using System.Globalization;
using System.Text;
using CsKpi.Core.Import;
using CsKpi.Core.Kpis;
using CsKpi.Tests.Infrastructure;
using static CsKpi.Core.Tests.Import.Importing;

namespace CsKpi.Core.Tests.Import;

/// <summary>
/// A first load into an empty table takes its own path (plain INSERT, repeat-contact flags computed in the statement
/// instead of by the trigger, indexes rebuilt when large): it must leave exactly the rows the upsert path leaves.
/// </summary>
public class FirstLoadTests
{
    /// <summary>Tickets close together per customer (many repeat contacts), some exactly 168 h apart or at the same instant, some without a customer.</summary>
    private static string TicketsFile(int count)
    {
        var csv = new StringBuilder("ticket_id,created_at,channel,customer_id,agent_id,category,first_response_at,resolved_at,reopened\n");
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            // Customer c gets tickets i = c, c + 700, c + 1400, …, spaced 2 days plus a few hours apart; every 7th customer's
            // tickets fall exactly 168 h apart and every 11th has two tickets at one instant.
            var customer = i % 700;
            var round = i / 700;
            var created = customer % 7 == 0 ? start.AddHours(168 * round + customer)
                : customer % 11 == 0 ? start.AddHours(40 * (round / 2) + customer)
                : start.AddHours(50 * round + customer % 40).AddSeconds(i % 13);
            var customerId = i % 97 == 0 ? "" : $"C{customer}";
            csv.Append(CultureInfo.InvariantCulture,
                $"T{i},{created:yyyy-MM-ddTHH:mm:ss}Z,{(i % 2 == 0 ? "chat" : "phone")},{customerId},{(i % 3 == 0 ? "" : "A1")},q,,{created.AddHours(2):yyyy-MM-ddTHH:mm:ss}Z,{i % 5 == 0}\n");
        }
        return csv.ToString();
    }

    /// <summary>The tickets and customers as the dashboard sees them, by source id (internal ids depend on insertion order).</summary>
    private static Task<string?> RowsAsync(TestDatabase database) => ScalarAsync<string>(database, """
        SELECT md5(string_agg(concat_ws('|', t.source_id, t.created_at, t.channel, c.source_id, a.source_id, t.category, t.first_response_at,
                                        t.resolved_at, t.reopened, t.interaction_count, t.repeat_contact), E'\n' ORDER BY t.source_id))
               || '/' || (SELECT string_agg(source_id, ',' ORDER BY source_id) FROM customers) || '/' || count(*) || '/' || count(*) FILTER (WHERE t.repeat_contact)
        FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN agents a ON a.id = t.agent_id
        """);

    /// <summary>Tickets whose flag differs from the definition (docs/decisions.md): another ticket of the customer in [t − 168 h, t).</summary>
    private static Task<long> WrongRepeatFlagsAsync(TestDatabase database) => ScalarAsync<long>(database, """
        SELECT count(*) FROM tickets t
        WHERE t.repeat_contact <> (t.customer_id IS NOT NULL AND EXISTS (
            SELECT 1 FROM tickets o WHERE o.customer_id = t.customer_id AND o.created_at >= t.created_at - interval '168 hours' AND o.created_at < t.created_at))
        """);

    [Theory]
    [InlineData(3_000)] // a small first load: the trigger is set aside, indexes stay
    [InlineData(60_000)] // a bulk first load: indexes, foreign keys and the source-id index rebuilt too, bare customers in bulk
    public async Task A_first_load_leaves_the_same_rows_and_repeat_flags_as_the_upsert_path(int count)
    {
        var file = TicketsFile(count);
        await using var firstLoad = await TestDatabase.CreateAsync();
        await using var upsert = await TestDatabase.CreateAsync();
        foreach (var database in new[] { firstLoad, upsert })
            await ImportAsync(database, ImportKind.Agents, Agents);

        var loaded = await ImportAsync(firstLoad, ImportKind.Tickets, file);
        // The other database gets a few of the rows first, so the whole file then goes through the upsert and the trigger.
        var head = string.Concat(file.Split('\n').Take(301).Select(line => line + "\n"));
        (await ImportAsync(upsert, ImportKind.Tickets, head)).Inserted.Should().Be(300);
        var upserted = await ImportAsync(upsert, ImportKind.Tickets, file);

        loaded.Should().Match<ImportSummary>(s => s.Outcome == ImportOutcome.Imported && s.Rows == count && s.Inserted == count && s.Updated == 0 && s.Unchanged == 0);
        upserted.Should().Match<ImportSummary>(s => s.Inserted == count - 300 && s.Updated == 0 && s.Unchanged == 300);
        var rows = await RowsAsync(firstLoad);
        rows.Should().Be(await RowsAsync(upsert));
        rows.Should().NotEndWith("/0", "the file has repeat contacts");
        (await WrongRepeatFlagsAsync(firstLoad)).Should().Be(0);
        (await WrongRepeatFlagsAsync(upsert)).Should().Be(0);
    }

    [Fact]
    public async Task After_a_first_load_the_trigger_indexes_and_keys_are_back_and_keep_flags_current()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportAsync(database, ImportKind.Agents, Agents);
        const string triggers = "SELECT string_agg(tgname, ',' ORDER BY tgname) FROM pg_trigger WHERE tgrelid = 'tickets'::regclass AND NOT tgisinternal";
        var before = (await ScalarAsync<string>(database, triggers), await SchemaAsync(database));

        await ImportAsync(database, ImportKind.Tickets, TicketsFile(60_000));
        (await ScalarAsync<string>(database, triggers), await SchemaAsync(database)).Should().Be(before);

        // Later imports rely on the trigger again: a ticket 4 h after T1 for the same customer is a repeat contact.
        var summary = await ImportAsync(database, ImportKind.Tickets, "ticket_id,created_at,channel,customer_id\nX1,2026-01-01T05:00:00Z,chat,C1\n");
        summary.Inserted.Should().Be(1);
        (await ScalarAsync<bool>(database, "SELECT repeat_contact FROM tickets WHERE source_id = 'X1'")).Should().BeTrue();
        (await WrongRepeatFlagsAsync(database)).Should().Be(0);
    }

    [Theory]
    [InlineData(false)] // the rollups' trigger is dropped for the load: nothing to mark
    [InlineData(true)] // it stays, and marks every day the tickets touch
    public async Task A_bulk_first_load_marks_its_days_only_when_the_rollups_are_built(bool built)
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportAsync(database, ImportKind.Agents, Agents);
        if (built)
        {
            await using var db = database.CreateContext();
            (await DailyRollups.RefreshAsync(db, "UTC")).Should().BeTrue();
        }

        await ImportAsync(database, ImportKind.Tickets, TicketsFile(60_000));

        var days = await ScalarAsync<long>(database, """
            SELECT count(DISTINCT (d AT TIME ZONE 'UTC')::date) FROM tickets, LATERAL (VALUES (created_at), (resolved_at)) v(d) WHERE d IS NOT NULL
            """);
        (await ScalarAsync<long>(database, "SELECT count(*) FROM kpi_rollup_dirty")).Should().Be(built ? days : 0);
    }

    [Theory]
    [InlineData(3_000)] // the INSERT meets the unique source-id index
    [InlineData(60_000)] // the unique source-id index is rebuilt after the INSERT
    public async Task A_first_load_with_a_duplicate_id_is_rejected_with_the_duplicate_listed_and_writes_nothing(int count)
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = TicketsFile(count).Replace($"\nT{count - 1},", "\nT7,", StringComparison.Ordinal);
        var before = await SnapshotAsync(database);

        var summary = await ImportAsync(database, ImportKind.Tickets, file.Replace(",A1,", ",,", StringComparison.Ordinal));

        summary.Outcome.Should().Be(ImportOutcome.Rejected);
        summary.Errors.Select(e => e.ToString()).Should().Equal($"line {count + 1}, column ticket_id: duplicate id: also on line 9 ('T7')");
        (await SnapshotAsync(database)).Should().Be(before);
    }

    private static Task<string?> SchemaAsync(TestDatabase database) => ScalarAsync<string>(database, """
        SELECT (SELECT string_agg(indexdef, ';' ORDER BY indexname) FROM pg_indexes WHERE tablename IN ('tickets', 'customers'))
            || (SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), ';' ORDER BY conname) FROM pg_constraint
                WHERE conrelid IN ('tickets'::regclass, 'customers'::regclass) OR confrelid IN ('tickets'::regclass, 'customers'::regclass))
        """);
}
