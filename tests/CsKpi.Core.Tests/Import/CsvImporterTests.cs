using CsKpi.Core.Import;
using CsKpi.Tests.Infrastructure;
using static CsKpi.Core.Tests.Import.Importing;

namespace CsKpi.Core.Tests.Import;

public class CsvImporterTests
{
    [Fact]
    public async Task Agents_create_their_teams_and_reimporting_the_same_file_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();

        var first = await ImportAsync(database, ImportKind.Agents, Agents);
        var before = await SnapshotAsync(database);
        var second = await ImportAsync(database, ImportKind.Agents, Agents);

        first.Should().Match<ImportSummary>(s => s.Outcome == ImportOutcome.Imported && s.Rows == 2 && s.Inserted == 2
            && s.Updated == 0);
        second.Should().Match<ImportSummary>(s => s.Inserted == 0 && s.Updated == 0 && s.Unchanged == 2);
        (await SnapshotAsync(database)).Should().Be(before);
        (await ScalarAsync<string>(database,
            "SELECT string_agg(name, ',' ORDER BY name) FROM teams")).Should().Be("Blue,Red");
    }

    [Fact]
    public async Task A_first_load_into_an_empty_table_gives_the_same_rows_flags_and_counts_as_an_upsert()
    {
        // C1: tickets on 1, 3 and 12 March (the 3 March one repeats within 168 h; the 12th does not); C2 once; one
        // without a customer.
        const string tickets = "ticket_id,created_at,channel,customer_id\n" +
            "T1,2026-03-01T10:00:00Z,email,C1\nT2,2026-03-03T10:00:00Z,chat,C1\nT3,2026-03-12T10:00:00Z,chat,C1\n" +
            "T4,2026-03-03T10:00:00Z,phone,C2\nT5,2026-03-08T10:00:00Z,phone,C1\nT6,2026-03-04T10:00:00Z,email,\n";
        await using var empty = await TestDatabase.CreateAsync();
        await using var filled = await TestDatabase.CreateAsync();
        await ImportAsync(filled, ImportKind.Tickets, "ticket_id,created_at,channel\nT0,2025-01-01T00:00:00Z,email\n");

        var firstLoad = await ImportAsync(empty, ImportKind.Tickets, tickets);
        var upsert = await ImportAsync(filled, ImportKind.Tickets, tickets);

        firstLoad.Should().Match<ImportSummary>(s => s.Inserted == 6 && s.Updated == 0 && s.Unchanged == 0);
        upsert.Should().Match<ImportSummary>(s => s.Inserted == 6 && s.Updated == 0 && s.Unchanged == 0);
        const string flags = "SELECT string_agg(source_id || ':' || repeat_contact, ',' ORDER BY source_id) " +
            "FROM tickets WHERE source_id <> 'T0'";
        (await ScalarAsync<string>(empty, flags)).Should().Be("T1:false,T2:true,T3:true,T4:false,T5:true,T6:false",
            "T3 follows T5 (8 March) within 168 h, T5 follows T2");
        (await ScalarAsync<string>(filled, flags)).Should().Be(await ScalarAsync<string>(empty, flags),
            "the trigger of the upsert path agrees");
        (await ScalarAsync<bool>(empty,
            "SELECT tgenabled = 'O' FROM pg_trigger WHERE tgname = 'tr_tickets_repeat_contact_insert'"))
            .Should().BeTrue("the first load switches the trigger off for its own statement only");

        var again = await ImportAsync(empty, ImportKind.Tickets, tickets);
        again.Should().Match<ImportSummary>(s => s.Inserted == 0 && s.Unchanged == 6,
            "the table is not empty any more: an upsert");

        // Unchanged rows are left out before the upsert: a new row, a changed channel and a customer where there was
        // none count as such.
        var mixed = await ImportAsync(empty, ImportKind.Tickets, tickets.Replace("T2,2026-03-03T10:00:00Z,chat",
            "T2,2026-03-03T10:00:00Z,phone", StringComparison.Ordinal)
            .Replace("T6,2026-03-04T10:00:00Z,email,", "T6,2026-03-04T10:00:00Z,email,C3", StringComparison.Ordinal)
                + "T7,2026-03-05T10:00:00Z,chat,C2\n");
        mixed.Should().Match<ImportSummary>(s => s.Inserted == 1 && s.Updated == 2 && s.Unchanged == 4);
        (await ScalarAsync<string>(empty, "SELECT string_agg(t.source_id || ':' || t.channel || ':' || " +
            "coalesce(c.source_id, '-'), ',' ORDER BY t.source_id) " +
            "FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id"))
            .Should().Be("T1:email:C1,T2:phone:C1,T3:chat:C1,T4:phone:C2,T5:phone:C1,T6:email:C3,T7:chat:C2");
    }

    [Fact]
    public async Task New_tickets_into_a_filled_table_get_repeat_flags_from_the_table_and_from_each_other()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportAsync(database, ImportKind.Tickets, "ticket_id,created_at,channel,customer_id\n" +
            "E1,2026-03-01T10:00:00Z,email,C1\nE2,2026-03-22T10:00:00Z,email,C3\n");

        // N1 follows E1 (in the table) by 2 days, N2 follows N1 (in the file); N4 comes 2 days before E2.
        var summary = await ImportAsync(database, ImportKind.Tickets, "ticket_id,created_at,channel,customer_id\n" +
            "N1,2026-03-03T10:00:00Z,chat,C1\nN2,2026-03-05T10:00:00Z,chat,C1\nN3,2026-03-10T10:00:00Z,chat,C2\n" +
            "N4,2026-03-20T10:00:00Z,chat,C3\n");

        summary.Should().Match<ImportSummary>(s => s.Inserted == 4 && s.Updated == 0);
        (await ScalarAsync<string>(database,
            "SELECT string_agg(source_id || ':' || repeat_contact, ',' ORDER BY source_id) FROM tickets"))
            .Should().Be("E1:false,E2:true,N1:true,N2:true,N3:false,N4:false");
    }

    [Fact]
    public async Task A_changed_row_updates_its_record()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportAsync(database, ImportKind.Agents, Agents);

        var summary = await ImportAsync(database, ImportKind.Agents, Agents.Replace("Piotr Nowak,,Red",
            "Piotr Nowak,piotr@example.com,Blue", StringComparison.Ordinal));

        summary.Should().Match<ImportSummary>(s => s.Inserted == 0 && s.Updated == 1 && s.Unchanged == 1);
        (await ScalarAsync<string>(database,
            "SELECT a.email || ' ' || t.name FROM agents a JOIN teams t ON t.id = a.team_id WHERE a.source_id = 'A2'"))
            .Should().Be("piotr@example.com Blue");
    }

    [Fact]
    public async Task Semicolons_bom_crlf_decimal_comma_and_header_names_written_like_people_do()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportAsync(database, ImportKind.Agents, Agents);
        await ImportAsync(database, ImportKind.Tickets,
            "Ticket ID;Created-At;CHANNEL\r\nT1;2026-03-01T09:15:00+01:00;Email\r\n", bom: true);

        var summary = await ImportAsync(database, ImportKind.Interactions,
            "Interaction ID;Ticket_ID;agent id;Started At;Talk Seconds;hold-seconds\r\n" +
            "I1;T1;A1;2026-03-01T10:00:00Z;120,6;4,4\r\n", bom: true);

        summary.Inserted.Should().Be(1);
        (await ScalarAsync<string>(database,
            "SELECT talk_seconds || '/' || hold_seconds || '/' || wrap_seconds || '/' || channel FROM interactions"))
            .Should().Be("121/4/0/email", "decimal comma in a ';' file, defaults for wrap and channel");
        (await ScalarAsync<DateTime>(database, "SELECT created_at FROM tickets")).Should().Be(new DateTime(2026, 3, 1,
            8, 15, 0, DateTimeKind.Utc));
        (await ScalarAsync<int>(database, "SELECT interaction_count FROM tickets")).Should().Be(1);
    }

    [Fact]
    public async Task A_quoted_comment_keeps_its_delimiter_quotes_and_newline_and_later_lines_keep_their_numbers()
    {
        await using var database = await TestDatabase.CreateAsync();
        const string csv = "response_id;survey;score;submitted_at;comment\r\n" +
            "R1;csat;5;2026-03-01T10:00:00Z;\"Great; really \"\"great\"\"\r\nthanks\"\r\n" +
            "R2;csat;9;2026-03-01T10:00:00Z;too high\r\n";

        var rejected = await ImportAsync(database, ImportKind.Surveys, csv);
        rejected.Errors.Should().ContainSingle().Which.Should().Be(new ImportError(4, "score", "9",
            "outside the csat scale 1–5"));

        var summary = await ImportAsync(database, ImportKind.Surveys, csv.Replace(";9;", ";4;",
            StringComparison.Ordinal));
        summary.Inserted.Should().Be(2);
        (await ScalarAsync<string>(database, "SELECT comment FROM survey_responses WHERE source_id = 'R1'"))
            .Should().Be("Great; really \"great\"\r\nthanks");
    }

    [Fact]
    public async Task Timestamps_without_an_offset_are_read_in_the_organisation_time_zone()
    {
        await using var database = await TestDatabase.CreateAsync();

        await ImportAsync(database, ImportKind.Tickets,
            "ticket_id,created_at,channel\nT1,2026-07-01 09:00,phone\nT2,2026-01-15T09:00:00Z,phone\n",
            new ImportOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw") });

        (await ScalarAsync<DateTime>(database, "SELECT created_at FROM tickets WHERE source_id = 'T1'"))
            .Should().Be(new DateTime(2026, 7, 1, 7, 0, 0, DateTimeKind.Utc));
        (await ScalarAsync<DateTime>(database, "SELECT created_at FROM tickets WHERE source_id = 'T2'"))
            .Should().Be(new DateTime(2026, 1, 15, 9, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Every_error_is_listed_with_line_column_value_and_reason()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportAsync(database, ImportKind.Agents, Agents);
        const string csv = """
            ticket_id,created_at,channel,customer_id,agent_id,category,first_response_at,resolved_at,reopened
            T1,2026-03-01T10:00:00Z,email,C1,A1,,2026-03-01T09:00:00Z,,false
            T2,yesterday,fax,,A9,,,,maybe
            ,2026-03-01T10:00:00Z,chat,,,,,2026-02-01T00:00:00Z,
            T1,2026-03-01T10:00:00Z,email,,,,,,
            """;

        var summary = await ImportAsync(database, ImportKind.Tickets, csv);

        summary.Outcome.Should().Be(ImportOutcome.Rejected);
        summary.Errors.Select(e => e.ToString()).Should().Equal(
            "line 2, column first_response_at: first response is before created_at ('2026-03-01T09:00:00.0000000Z')",
            "line 3, column agent_id: unknown agent: import it in agents.csv first ('A9')",
            "line 3, column channel: unknown channel (use phone, email, chat, social, in_person) ('fax')",
            "line 3, column created_at: not a timestamp (use ISO 8601, e.g. 2026-03-01T09:15:00+01:00) ('yesterday')",
            "line 3, column reopened: not a boolean (use true/false, 1/0 or yes/no) ('maybe')",
            "line 4, column resolved_at: resolved_at is before created_at ('2026-02-01T00:00:00.0000000Z')",
            "line 4, column ticket_id: a value is required",
            "line 5, column ticket_id: duplicate id: also on line 2 ('T1')");
        summary.RejectedRows.Should().Be(4);
        (await ScalarAsync<long>(database, "SELECT count(*) FROM tickets")).Should().Be(0);
    }

    [Fact]
    public async Task Survey_rules_kinds_scales_references_and_dimension_ratings()
    {
        await using var database = await TestDatabase.CreateAsync();
        const string csv = """
            response_id,survey,score,submitted_at,ticket_id,dim_delivery,dim_billing
            R1,csat,6,2026-03-01T10:00:00Z,,3,
            R2,nps,10,2026-03-01T10:00:00Z,T404,,
            R3,happiness,3,2026-03-01T10:00:00Z,,7,x
            R4,ces,4.5,2026-03-01T10:00:00Z,,,
            """;

        var summary = await ImportAsync(database, ImportKind.Surveys, csv);

        summary.Errors.Select(e => (e.Line, e.Column, e.Reason)).Should().Equal(
            (2, "score", "outside the csat scale 1–5"),
            (3, "ticket_id", "unknown ticket: import it in tickets.csv first"),
            (4, "dim_billing", "a dimension rating is a whole number from 1 to 5"),
            (4, "dim_delivery", "a dimension rating is a whole number from 1 to 5"),
            (4, "survey", "unknown survey kind (use csat, nps, ces, enps)"),
            (5, "score", "not a whole number"));
    }

    [Fact]
    public async Task Surveys_take_the_ticket_agent_and_keep_dimension_ratings_in_step_with_the_file()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportAsync(database, ImportKind.Agents, Agents);
        await ImportAsync(database, ImportKind.Tickets,
            "ticket_id,created_at,channel,agent_id,customer_id\nT1,2026-03-01T10:00:00Z,chat,A2,C77\n");
        const string csv = "response_id,survey,score,submitted_at,ticket_id,dim_speed,dim_tone\n" +
            "R1,csat,4,2026-03-02T10:00:00Z,T1,5,3\n";

        (await ImportAsync(database, ImportKind.Surveys, csv)).Inserted.Should().Be(1);
        (await ImportAsync(database, ImportKind.Surveys, csv)).Unchanged.Should().Be(1);
        var changed = await ImportAsync(database, ImportKind.Surveys, csv.Replace(",5,3", ",4,",
            StringComparison.Ordinal));

        changed.Updated.Should().Be(1, "a changed or removed rating changes the response");
        (await ScalarAsync<string>(database,
            "SELECT a.source_id FROM survey_responses r JOIN agents a ON a.id = r.agent_id")).Should().Be("A2");
        (await ScalarAsync<string>(database,
            "SELECT string_agg(dimension || '=' || rating, ',') FROM dimension_ratings")).Should().Be("speed=4");
        (await ScalarAsync<string>(database, "SELECT source_id || ':' || (customer_since IS NULL) FROM customers"))
            .Should().Be("C77:true", "an unknown customer becomes a bare customer");
    }

    [Fact]
    public async Task A_missing_required_column_is_reported_on_the_header_line()
    {
        await using var database = await TestDatabase.CreateAsync();

        var summary = await ImportAsync(database, ImportKind.Interactions,
            "interaction_id,ticket_id,started_at\nI1,T1,2026-03-01T10:00:00Z\n");

        summary.Errors.Select(e => e.ToString()).Should().Equal(
            "line 1, column agent_id: required column is missing from the header",
            "line 1, column talk_seconds: required column is missing from the header");
    }

    [Fact]
    public async Task A_mapping_chosen_by_the_admin_reads_another_tools_headers()
    {
        await using var database = await TestDatabase.CreateAsync();
        var mapping = new ImportMapping
        {
            Kinds = [new MappedKind(ImportKind.Agents, new Dictionary<string, ColumnSource>
            {
                ["agent_id"] = new() { Header = "Operator" }, ["name"] = new() { Header = "Full name" },
                ["team"] = new() { Header = "Group" },
            })],
        };

        var summary = await ImportAsync(database, ImportKind.Agents, "Operator,Full name,Group\nX1,Eva,Support\n",
            new ImportOptions { Mapping = mapping });

        summary.Inserted.Should().Be(1);
        (await ScalarAsync<string>(database,
            "SELECT a.name || '@' || t.name FROM agents a JOIN teams t ON t.id = a.team_id"))
            .Should().Be("Eva@Support");
    }

    [Fact]
    public async Task A_broken_file_leaves_every_table_unchanged()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportAsync(database, ImportKind.Agents, Agents);
        await ImportAsync(database, ImportKind.Tickets,
            "ticket_id,created_at,channel,agent_id\nT1,2026-03-01T10:00:00Z,chat,A1\n");
        var before = await SnapshotAsync(database);

        // Good rows that would insert and update, and one bad row at the very end.
        var csv = "ticket_id,created_at,channel,agent_id,customer_id\nT1,2026-03-01T10:00:00Z,phone,A2,C1\n" +
                  string.Concat(Enumerable.Range(2, 500).Select(i => $"T{i},2026-03-01T10:00:00Z,chat,A1,C{i}\n")) +
                  "T999,2026-03-01T10:00:00Z,carrier pigeon,A1,\n";
        var summary = await ImportAsync(database, ImportKind.Tickets, csv);

        summary.Outcome.Should().Be(ImportOutcome.Rejected);
        summary.Errors.Should().ContainSingle().Which.Line.Should().Be(503);
        (await SnapshotAsync(database)).Should().Be(before);
    }

    [Fact]
    public async Task Errors_are_capped_but_all_counted()
    {
        await using var database = await TestDatabase.CreateAsync();
        var csv = "ticket_id,created_at,channel\n" + string.Concat(Enumerable.Range(1, 1500).Select(i =>
            $"T{i},not a date,chat\n"));

        var summary = await ImportAsync(database, ImportKind.Tickets, csv);

        summary.Errors.Should().HaveCount(1000);
        summary.TotalErrors.Should().Be(1500);
        summary.RejectedRows.Should().Be(1500);
        summary.Errors[^1].Line.Should().Be(1001);
    }

    [Fact]
    public async Task A_dry_run_counts_what_would_change_and_writes_nothing_not_even_history()
    {
        await using var database = await TestDatabase.CreateAsync();
        var before = await SnapshotAsync(database);

        var summary = await ImportAsync(database, ImportKind.Agents, Agents, new ImportOptions { DryRun = true });

        summary.Should().Match<ImportSummary>(s => s.Outcome == ImportOutcome.Checked && s.Inserted == 2);
        (await SnapshotAsync(database)).Should().Be(before);
        (await ScalarAsync<long>(database, "SELECT count(*) FROM import_runs")).Should().Be(0);
    }

    [Fact]
    public async Task Every_import_is_recorded_in_the_history_with_its_counts_and_result()
    {
        await using var database = await TestDatabase.CreateAsync();

        await ImportAsync(database, ImportKind.Agents, Agents);
        await ImportAsync(database, ImportKind.Agents, "agent_id,name\nA3,\n");

        (await ScalarAsync<string>(database, "SELECT string_agg(kind || '/' || file_name || '/' || user_name || " +
            "'/' || result || '/' || inserted || '/' || rejected, ' ' ORDER BY id) FROM import_runs"))
            .Should().Be("agents/agents.csv/tester/Succeeded/2/0 agents/agents.csv/tester/Rejected/0/1");
    }

    [Fact]
    public async Task A_100k_row_file_goes_through_the_real_path_and_reimports_as_unchanged()
    {
        await using var database = await TestDatabase.CreateAsync();
        var path = Path.Combine(Path.GetTempPath(), $"tickets-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var writer = new StreamWriter(path))
            {
                await writer.WriteLineAsync("ticket_id,created_at,channel,customer_id,category,first_response_at");
                for (var i = 0; i < 100_000; i++)
                    await writer.WriteLineAsync($"T{i},2026-03-01T{i % 24:00}:{i % 60:00}:00Z," +
                        $"{(i % 2 == 0 ? "email" : "chat")},C{i % 5000}," +
                        $"{(i % 10 == 0 ? "complaint" : "question")},2026-03-02T00:00:00Z");
            }

            ImportSummary first, second;
            await using (var file = File.OpenRead(path))
                first = await new CsvImporter(database.ConnectionString).ImportAsync(ImportKind.Tickets, file,
                    "tickets.csv", "tester", new ImportOptions());
            await using (var file = File.OpenRead(path))
                second = await new CsvImporter(database.ConnectionString).ImportAsync(ImportKind.Tickets, file,
                    "tickets.csv", "tester", new ImportOptions());

            first.Should().Match<ImportSummary>(s => s.Rows == 100_000 && s.Inserted == 100_000);
            second.Should().Match<ImportSummary>(s => s.Unchanged == 100_000 && s.Inserted == 0 && s.Updated == 0);
            (await ScalarAsync<long>(database,
                "SELECT count(*) FROM tickets WHERE lower(category) = 'complaint'")).Should().Be(10_000);
            (await ScalarAsync<long>(database, "SELECT count(*) FROM customers")).Should().Be(5000);
            // The first load took the bulk path (indexes and foreign keys dropped and rebuilt): all are back.
            (await ScalarAsync<string>(database,
                "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'tickets'"))
                .Should().Be("ix_tickets_agent_id,ix_tickets_created_at,ix_tickets_customer_id_created_at," +
                    "ix_tickets_is_demo,ix_tickets_resolved_at,ix_tickets_source_id,ix_tickets_team_id,pk_tickets");
            (await ScalarAsync<string>(database, "SELECT string_agg(conname, ',' ORDER BY conname) " +
                "FROM pg_constraint WHERE conrelid = 'tickets'::regclass AND contype = 'f'"))
                .Should().Be("fk_tickets_agents_agent_id,fk_tickets_customers_customer_id,fk_tickets_teams_team_id");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
