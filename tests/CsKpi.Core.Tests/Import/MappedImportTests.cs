using System.Text;
using CsKpi.Core.Import;
using CsKpi.Tests.Infrastructure;
using static CsKpi.Core.Tests.Import.Importing;

namespace CsKpi.Core.Tests.Import;

/// <summary>Exports from other tools through a mapping: several kinds per row, agents by name, dates as written, values
/// translated.</summary>
public partial class MappedImportTests
{
    /// <summary>A help desk's ticket export: its own headers, day-first dates, a satisfaction rating on some
    /// rows.</summary>
    private const string HelpDeskExport =
        "Case Number,Opened,Origin,Assigned To,Supervisor,First Reply,Closed,Satisfaction,Remarks\n" +
        "C-1,25/07/2023 09:15,Inbound,Jane Smith,Bob Lee,25/07/2023 09:45,26/07/2023 10:00,5," +
        "\"Called back, \"\"fine\"\"\"\n" +
        "C-2,03/08/2023 14:00,Web Form,Tom Ray,Bob Lee,,,,\n" +
        "C-3,04/08/2023 08:00,Outcall,jane smith,Bob Lee,04/08/2023 08:05,04/08/2023 09:00,2,\"line one\nline two\"\n";

    private static ImportMapping HelpDeskMapping(bool createAgents = true) => new()
    {
        Kinds =
        [
            new MappedKind(ImportKind.Tickets, new Dictionary<string, ColumnSource>
            {
                ["ticket_id"] = new() { Header = "Case Number" },
                ["created_at"] = new() { Header = "Opened" },
                ["channel"] = new() { Header = "Origin",
                    Values = new Dictionary<string, string> { ["Inbound"] = "phone", ["Outcall"] = "phone",
                        ["Web Form"] = "email" } },
                ["agent_id"] = new() { Header = "Assigned To" },
                ["first_response_at"] = new() { Header = "First Reply" },
                ["resolved_at"] = new() { Header = "Closed" },
            }),
            new MappedKind(ImportKind.Surveys, new Dictionary<string, ColumnSource>
            {
                ["survey"] = new() { Value = "csat" },
                ["score"] = new() { Header = "Satisfaction" },
                ["submitted_at"] = new() { Header = "Closed" },
                ["ticket_id"] = new() { Header = "Case Number" },
                ["comment"] = new() { Header = "Remarks" },
            }),
        ],
        Dates = DateForm.DayFirst,
        AgentsByName = true,
        CreateAgents = createAgents,
        TeamHeader = "Supervisor",
    };

    private static Task<ImportSummary> ImportMappedAsync(TestDatabase database, ImportMapping mapping, string csv,
        ImportOptions? options = null) =>
        new CsvImporter(database.ConnectionString).ImportAsync(mapping, new MemoryStream(Encoding.UTF8.GetBytes(csv)),
            "export.csv", "tester",
            (options ?? new ImportOptions()) with { Mapping = mapping });

    [Fact]
    public async Task A_rated_ticket_row_gives_the_ticket_its_csat_response_and_creates_named_agents_in_their_team()
    {
        await using var database = await TestDatabase.CreateAsync();

        var summary = await ImportMappedAsync(database, HelpDeskMapping(), HelpDeskExport);

        summary.Outcome.Should().Be(ImportOutcome.Imported, string.Join("\n", summary.Errors));
        summary.Rows.Should().Be(3);
        summary.Parts.Select(p => (p.Kind, p.Records, p.Inserted)).Should().Equal(
            (ImportKind.Agents, 2L, 2L), (ImportKind.Tickets, 3L, 3L), (ImportKind.Surveys, 2L, 2L));
        (await ScalarAsync<string>(database, "SELECT string_agg(a.source_id || '=' || a.name || '@' || t.name, ',' " +
                "ORDER BY a.name) FROM agents a JOIN teams t ON t.id = a.team_id"))
            .Should().Be("Jane Smith=Jane Smith@Bob Lee,Tom Ray=Tom Ray@Bob Lee",
                "'jane smith' on C-3 is the same agent as 'Jane Smith'");
        (await ScalarAsync<string>(database, """
            SELECT string_agg(t.source_id || ' ' || t.channel || ' '
                || to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' ' || a.source_id, ','
                ORDER BY t.source_id)
            FROM tickets t JOIN agents a ON a.id = t.agent_id
            """)).Should().Be("C-1 phone 2023-07-25 09:15 Jane Smith,C-2 email 2023-08-03 14:00 Tom Ray," +
                "C-3 phone 2023-08-04 08:00 Jane Smith");
        (await ScalarAsync<string>(database, """
            SELECT string_agg(r.source_id || ' ' || r.kind || ' ' || r.score || ' ' || t.source_id || ' '
                || a.source_id || ' [' || r.comment || ']', ',' ORDER BY r.source_id)
            FROM survey_responses r JOIN tickets t ON t.id = r.ticket_id JOIN agents a ON a.id = r.agent_id
            """)).Should().Be("csat:C-1 csat 5 C-1 Jane Smith [Called back, \"fine\"]," +
                "csat:C-3 csat 2 C-3 Jane Smith [line one\nline two]",
                "a row without a rating has no response; the response rates the ticket's agent");
    }

    [Fact]
    public async Task Importing_the_same_export_again_changes_nothing_and_a_changed_rating_updates_its_response()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportMappedAsync(database, HelpDeskMapping(), HelpDeskExport);
        var before = await SnapshotAsync(database);

        var again = await ImportMappedAsync(database, HelpDeskMapping(), HelpDeskExport);
        (await SnapshotAsync(database)).Should().Be(before);
        again.Parts.Should().OnlyContain(p => p.Inserted == 0 && p.Updated == 0);

        var changed = await ImportMappedAsync(database, HelpDeskMapping(), HelpDeskExport.Replace("09:00,2,",
            "09:00,4,", StringComparison.Ordinal));
        changed.Parts.Single(p => p.Kind == ImportKind.Surveys).Updated.Should().Be(1);
        (await ScalarAsync<int>(database,
            "SELECT score::int FROM survey_responses WHERE source_id = 'csat:C-3'")).Should().Be(4);
    }

    [Fact]
    public async Task Named_agents_are_found_by_name_and_an_unknown_name_is_an_error_unless_creating_it_is_allowed()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportAsync(database, ImportKind.Agents, "agent_id,name,team\nA17,Jane Smith,Blue\n");
        var before = await SnapshotAsync(database);

        var refused = await ImportMappedAsync(database, HelpDeskMapping(createAgents: false), HelpDeskExport);

        refused.Outcome.Should().Be(ImportOutcome.Rejected);
        refused.Errors.Select(e => e.ToString()).Should().Equal(
            "line 3, column agent_id: unknown agent: import it in agents.csv first ('Tom Ray')");
        (await SnapshotAsync(database)).Should().Be(before, "all or nothing, across the kinds too");

        var created = await ImportMappedAsync(database, HelpDeskMapping(), HelpDeskExport);
        created.Parts.Single(p => p.Kind == ImportKind.Agents).Should().Be(new ImportPart(ImportKind.Agents, 2, 1, 0,
            1));
        (await ScalarAsync<string>(database, "SELECT string_agg(t.source_id || '>' || a.source_id, ',' " +
                "ORDER BY t.source_id) FROM tickets t JOIN agents a ON a.id = t.agent_id"))
            .Should().Be("C-1>A17,C-2>Tom Ray,C-3>A17", "Jane Smith is agent A17, found by name; only Tom Ray is new");
        (await ScalarAsync<string>(database,
            "SELECT t.name FROM agents a JOIN teams t ON t.id = a.team_id WHERE a.source_id = 'A17'"))
            .Should().Be("Blue", "a known agent keeps their team");
    }

    [Fact]
    public async Task An_error_in_any_kind_writes_nothing_and_every_error_is_listed_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        var before = await SnapshotAsync(database);
        var broken = HelpDeskExport
            .Replace("C-2,03/08/2023 14:00,Web Form", "C-2,03/08/2023 14:00,Carrier pigeon", StringComparison.Ordinal)
            .Replace("09:00,2,", "09:00,9,", StringComparison.Ordinal)
            .Replace("C-1,25/07/2023 09:15", "C-1,2023-13-45", StringComparison.Ordinal);

        var summary = await ImportMappedAsync(database, HelpDeskMapping(), broken);

        summary.Outcome.Should().Be(ImportOutcome.Rejected);
        summary.Errors.Select(e => e.ToString()).Should().Equal(
            "line 2, column Opened: not a date in this file's day/month/year form (e.g. 25/07/2023 14:30) " +
            "('2023-13-45')",
            "line 3, column Origin: unknown channel (use phone, email, chat, social, in_person) ('Carrier pigeon')",
            "line 4, column Satisfaction: outside the csat scale 1–5 ('9')");
        (await SnapshotAsync(database)).Should().Be(before);
    }

    [Fact]
    public async Task A_survey_export_with_its_own_kind_and_score_words_is_translated_by_the_value_mapping()
    {
        await using var database = await TestDatabase.CreateAsync();
        var mapping = new ImportMapping
        {
            Kinds =
            [
                new MappedKind(ImportKind.Surveys, new Dictionary<string, ColumnSource>
                {
                    ["response_id"] = new() { Header = "Response" },
                    ["survey"] = new() { Header = "Question",
                        Values = new Dictionary<string, string> { ["How satisfied were you?"] = "csat",
                            ["Recommend us?"] = "nps" } },
                    ["score"] = new() { Header = "Answer",
                        Values = new Dictionary<string, string> { ["Very satisfied"] = "5", ["Dissatisfied"] = "2" } },
                    ["submitted_at"] = new() { Header = "Date" },
                }),
            ],
            Dates = DateForm.MonthFirst,
        };
        const string export = "Response;Question;Answer;Date\n" +
            "R1;How satisfied were you?;very satisfied;07/25/2023 2:30 PM\nR2;Recommend us?;9;Jul 26, 2023\n" +
            "R3;How satisfied were you?;Dissatisfied;2023-07-27T10:00:00Z\n";

        var summary = await ImportMappedAsync(database, mapping, export,
            new ImportOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome") });

        summary.Outcome.Should().Be(ImportOutcome.Imported, string.Join("\n", summary.Errors));
        (await ScalarAsync<string>(database, """
            SELECT string_agg(source_id || ' ' || kind || ' ' || score || ' '
                || to_char(submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), ',' ORDER BY source_id)
            FROM survey_responses
            """)).Should().Be("R1 csat 5 2023-07-25 12:30,R2 nps 9 2023-07-25 22:00,R3 csat 2 2023-07-27 10:00",
                "local times are in the organisation's zone (Rome, UTC+2 in summer); ISO values still read");
    }

    [Theory]
    [InlineData("25/07/2023 14:30|03/08/2023 09:00", "day-first", false)]
    [InlineData("07/25/2023 2:30 PM|08/03/2023 9:00 AM", "month-first", false)]
    [InlineData("05/07/2023|03/08/2023 09:00", null, true)]
    [InlineData("25-Jul-23|03-Aug-23", "day-first", false)]
    [InlineData("Jul 25, 2023|Aug 3, 2023", "month-first", false)]
    [InlineData("2023/07/25 14:30", "year-first", false)]
    [InlineData("2023-07-25T14:30:00+02:00|2023-07-26", "iso", false)]
    [InlineData("soon|25/07/2023", null, false)]
    public void Date_forms_are_decided_from_the_values(string values, string? settled, bool ambiguous)
    {
        var detection = DateForms.Detect(values.Split('|'));

        detection.Settled?.Code().Should().Be(settled);
        if (settled is null)
            detection.Settled.Should().BeNull();
        detection.Ambiguous.Should().Be(ambiguous);
    }

    [Fact]
    public void The_check_lists_coded_values_to_translate_scores_outside_the_surveys_scale_and_parses_the_first_rows()
    {
        var sample = ColumnMatcher.Preview(new MemoryStream(Encoding.UTF8.GetBytes(HelpDeskExport.Replace("09:00,2,",
            "09:00,9,", StringComparison.Ordinal))), 100);

        var check = MappingCheck.Run(sample, HelpDeskMapping(), TimeZoneInfo.Utc);

        check.Dates.Settled.Should().Be(DateForm.DayFirst);
        check.Values.Select(v => (v.Column, string.Join('|', v.Values))).Should().Equal(
            ("channel", "Inbound|Outcall|Web Form"), ("score", "9"));
        var tickets = check.Kinds[0];
        tickets.Rows[0].Values[tickets.Columns.ToList().IndexOf("created_at")].Should().Be("2023-07-25 09:15");
        check.Kinds[1].Rows.Select(r => r.Skipped).Should().Equal(false, true, false);
        check.Kinds[1].Rows[2].Errors.Select(e => e.Reason).Should().Equal("outside the csat scale 1–5");
    }

    [Fact]
    public async Task One_row_may_give_a_csat_and_an_nps_response_each_with_its_own_values()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportAsync(database, ImportKind.Tickets,
            "ticket_id,created_at,channel\nC-1,2026-03-01T10:00:00Z,email\nC-2,2026-03-01T11:00:00Z,chat\n");
        MappedKind Survey(string kind, string column, Dictionary<string, string>? values = null) =>
            new(ImportKind.Surveys, new Dictionary<string, ColumnSource>
            {
                ["survey"] = new() { Value = kind },
                ["score"] = new() { Header = column, Values = values },
                ["submitted_at"] = new() { Header = "Answered" },
                ["ticket_id"] = new() { Header = "Case" },
            });
        var mapping = new ImportMapping
        {
            Kinds =
            [
                new MappedKind(ImportKind.Tickets,
                    new Dictionary<string, ColumnSource> { ["ticket_id"] = new() { Header = "Case" } }),
                Survey("csat", "Satisfied"),
                Survey("nps", "Recommend", new Dictionary<string, string> { ["ten"] = "10" }),
            ],
        };
        const string export = "Case,created_at,channel,Answered,Satisfied,Recommend\n" +
            "C-1,2026-03-01T10:00:00Z,email,2026-03-02T10:00:00Z,4,ten\n" +
            "C-2,2026-03-01T11:00:00Z,chat,2026-03-02T11:00:00Z,,3\n";

        var check = MappingCheck.Run(ColumnMatcher.Preview(new MemoryStream(Encoding.UTF8.GetBytes(export)), 10),
            mapping, TimeZoneInfo.Utc);
        var summary = await ImportMappedAsync(database, mapping, export);

        check.Values.Select(v => (v.KindIndex, v.Column, string.Join('|', v.Values))).Should().Equal((2, "score",
            "ten"));
        summary.Outcome.Should().Be(ImportOutcome.Imported, string.Join("\n", summary.Errors));
        (await ScalarAsync<string>(database,
            "SELECT string_agg(source_id || '=' || score, ',' ORDER BY source_id) FROM survey_responses"))
            .Should().Be("csat:C-1=4,nps:C-1=10,nps:C-2=3");
    }

    [Theory]
    [InlineData(ColumnType.Channel, "Inbound", "phone")]
    [InlineData(ColumnType.Channel, "Outcall", "phone")]
    [InlineData(ColumnType.Channel, "Web Form", "email")]
    [InlineData(ColumnType.Channel, "WhatsApp", "chat")]
    [InlineData(ColumnType.Channel, "Walk-in", "in_person")]
    [InlineData(ColumnType.Channel, "Facebook", "social")]
    [InlineData(ColumnType.Channel, "Carrier pigeon", null)]
    [InlineData(ColumnType.SurveyKind, "How likely are you to recommend us?", "nps")]
    [InlineData(ColumnType.SurveyKind, "Customer effort", "ces")]
    [InlineData(ColumnType.SurveyKind, "Satisfaction", "csat")]
    [InlineData(ColumnType.Boolean, "Y", "true")]
    [InlineData(ColumnType.WholeNumber, "Very satisfied", null)]
    public void Coded_values_of_other_tools_get_a_proposed_meaning(ColumnType type, string value, string? proposed) =>
        ColumnMatcher.ProposeValue(type, value).Should().Be(proposed);

    [Fact]
    public void Headers_other_tools_use_are_proposed_for_our_columns()
    {
        var proposal = ColumnMatcher.Propose(ImportKind.Tickets, ["Case Number", "Date/Time Opened", "Case Origin",
            "Account Name", "Case Owner", "Date/Time Closed", "Subject"]);

        proposal.Should().Contain(new Dictionary<string, string?>
        {
            ["ticket_id"] = "Case Number",
            ["created_at"] = "Date/Time Opened",
            ["channel"] = "Case Origin",
            ["customer_id"] = "Account Name",
            ["agent_id"] = "Case Owner",
            ["resolved_at"] = "Date/Time Closed",
            ["first_response_at"] = null,
        });
    }

    [Fact]
    public async Task A_saved_mapping_is_found_by_name_and_offered_only_for_a_file_with_the_same_columns()
    {
        await using var database = await TestDatabase.CreateAsync();
        var headers = HelpDeskExport[..HelpDeskExport.IndexOf('\n', StringComparison.Ordinal)].Split(',');
        await using (var db = database.CreateContext())
            await new MappingStore(db).SaveAsync("Help desk monthly", HelpDeskMapping(), headers, "tester");

        await using var context = database.CreateContext();
        var store = new MappingStore(context);
        (await store.FindAsync("Help desk monthly")).Should().BeEquivalentTo(HelpDeskMapping());
        (await store.MatchingAsync([.. headers.Reverse().Select(h => h.ToUpperInvariant())])).Select(m => m.Name)
            .Should().Equal(new List<string> { "Help desk monthly" }, "the same columns in another order and case");
        (await store.MatchingAsync([.. headers, "Extra"])).Should().BeEmpty(
            "a file with more columns is another export: its extra column would be left unused");
        (await store.MatchingAsync(headers[1..])).Should().BeEmpty(
            "a file without the Case Number column is another export");
    }
}
