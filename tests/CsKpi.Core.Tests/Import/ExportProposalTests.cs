using System.Text;
using CsKpi.Core.Import;
using CsKpi.Tests.Infrastructure;

namespace CsKpi.Core.Tests.Import;

/// <summary>
/// The mapping step's proposal on typical exports of the tools other teams use, each built from that tool's documented
/// export columns (source in a comment) with realistic rows: the proposal must be right with zero corrections.
/// An expected column maps to a header (<c>Header@minutes</c>: a duration after created_at in that unit), to
/// <c>=value</c> (a fixed value) or to nothing (null: the file has no such column).
/// </summary>
public class ExportProposalTests
{
    /// <summary>Zendesk's CSV ticket export (Admin Center → Reports → Export), a subset of its columns, in order.
    /// Source: https://support.zendesk.com/hc/en-us/articles/4408886165402 (fields of the CSV export).</summary>
    private const string Zendesk = """
        Id,Requester,Requester id,Requester email,Submitter,Assignee,Group,Subject,Tags,Status,Priority,Via,\
        Ticket type,Created at,Updated at,Assigned at,Organization,Solved at,Satisfaction Score,Reopens,Replies,\
        First reply time in minutes,Full resolution time in minutes
        10231,Maria Rossi,381920012,maria.rossi@example.com,Maria Rossi,Jan Kowalski,Support,\
        Refund for order 4411 not received,refund billing,solved,normal,Web Widget,question,2024-03-04 09:12:33,\
        2024-03-05 10:00:00,2024-03-04 09:20:00,Acme,2024-03-05 09:58:12,Good,0,2,42,1486
        10232,Tom Ray,381920013,tom@example.org,Tom Ray,Anna Nowak,Billing,Invoice shows the wrong address,invoice,\
        open,high,Email,incident,2024-03-04 10:01:00,2024-03-04 11:00:00,2024-03-04 10:05:00,,,Offered,1,1,15,
        10233,Eva de Vries,381920014,eva@example.nl,Jan Kowalski,Jan Kowalski,Support,\
        Cannot log in after password reset,login,solved,low,Phone call (incoming),,2024-03-05 08:00:00,\
        2024-03-05 08:30:00,2024-03-05 08:00:00,Initech,2024-03-05 08:25:00,Bad,2,3,0,25
        10234,Maria Rossi,381920012,maria.rossi@example.com,Maria Rossi,Anna Nowak,Support,\
        Where is my parcel tracking number,shipping,pending,normal,Web form,question,2024-03-05 12:40:10,\
        2024-03-05 13:00:00,2024-03-05 12:45:00,Acme,,Unoffered,0,1,5,
        """;

    /// <summary>Freshdesk's ticket export (Tickets → Export), columns as Freshdesk names them.
    /// Source: Freshdesk's export field labels (display_id → "Ticket ID", first_response_time → "Initial response
    /// time", first_res_time_bhrs → "First response time (in hrs)", …) found by code search in projects reading the
    /// export; https://support.freshdesk.com/support/solutions/articles/37603 (exporting tickets).</summary>
    private const string Freshdesk = ToolExports.Freshdesk;

    /// <summary>Help Scout conversations as exported from its reports, one row per conversation with its mailbox,
    /// type (email, chat, phone), customer and assignee. Source: Help Scout's conversation fields,
    /// https://developer.helpscout.com/mailbox-api/endpoints/conversations/list/ (number, type, status, mailbox,
    /// customer, assignee, createdAt, closedAt).</summary>
    private const string HelpScout = ToolExports.HelpScout;

    /// <summary>Chatwoot's conversation report download (Reports → Conversations → Download).
    /// Source: https://github.com/chatwoot/chatwoot, app/views/api/v2/accounts/reports/conversation_reports.erb
    /// (conversation id, inbox name, customer name / phone / email / instagram handle, agent name, status, first
    /// response and resolution time in minutes, labels). It has no creation time: created_at is left to the admin.
    /// </summary>
    private const string Chatwoot = """
        Conversation ID,Inbox name,Customer name,Customer phone number,Customer email,Customer instagram handle,\
        Agent name,Conversation status,First response time (minutes),Resolution time (minutes),Labels
        8812,Website,Maria Rossi,,maria.rossi@example.com,,Anna Nowak,resolved,4.5,61.2,billing
        8813,WhatsApp,Tom Ray,+4915112345678,,,Jan Kowalski,resolved,1.2,12.8,
        8814,Email,Eva de Vries,,eva@example.nl,,Anna Nowak,open,30.0,,shipping
        8815,Instagram,Sam Lee,,,@samlee,Jan Kowalski,resolved,2.0,5.5,
        """;

    /// <summary>Zammad's ticket report download (Reporting → Download), its fixed columns in its order.
    /// Source: https://github.com/zammad/zammad/blob/develop/lib/excel_sheet/ticket.rb (ticket_header).</summary>
    private const string Zammad = """
        #,Title,State,Priority,Group,Owner,Customer,Organization,Create Channel,Sender,Tags,Time Units Total,\
        Created At,Updated At,Closed At,Close Escalation At,Close In Min,Close Diff In Min,First Response At,\
        First Response Escalation At,First Response In Min,First Response Diff In Min,Last Contact At,Article Count
        24031,Printer in room 2 does not print,closed,2 normal,Users,Anna Nowak,Maria Rossi,Acme,email,Customer,\
        printer,0.5,2024-03-04 09:12:33,2024-03-04 12:00:00,2024-03-04 11:50:00,2024-03-05 09:12:33,158,1282,\
        2024-03-04 09:30:00,2024-03-04 11:12:33,18,102,2024-03-04 11:50:00,4
        24032,VPN drops every few minutes,open,3 high,Network,Jan Kowalski,Tom Ray,Initech,phone,Agent,vpn,1.0,\
        2024-03-04 10:00:00,2024-03-04 10:30:00,,2024-03-04 14:00:00,,,2024-03-04 10:05:00,2024-03-04 11:00:00,5,55,\
        2024-03-04 10:30:00,2
        24033,New laptop for new colleague,closed,1 low,Users,Anna Nowak,Eva de Vries,Acme,web,Customer,,,\
        2024-03-05 08:00:00,2024-03-06 09:00:00,2024-03-06 08:55:00,2024-03-08 08:00:00,1495,1385,2024-03-05 09:00:00,\
        2024-03-05 12:00:00,60,120,2024-03-06 08:55:00,3
        """;

    /// <summary>A Salesforce Service Cloud case report exported as CSV, with the standard Case fields' labels.
    /// Source: https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/
    /// sforce_api_objects_case.htm
    /// (CaseNumber "Case Number", Origin "Case Origin", Reason "Case Reason", IsClosed "Closed", ClosedDate
    /// "Date/Time Closed", CreatedDate "Date/Time Opened", Owner "Case Owner"). "Closed" is true/false.</summary>
    private const string Salesforce = """
        Case Number,Subject,Status,Closed,Priority,Case Origin,Type,Case Reason,Account Name,Contact Name,Case Owner,\
        Date/Time Opened,Date/Time Closed,Escalated
        00001026,Seasonal discount not applied,Closed,True,Medium,Phone,Problem,Performance,Acme Corp,Maria Rossi,\
        Anna Nowak,3/4/2024 9:12 AM,3/4/2024 3:40 PM,False
        00001027,Installation help for the new model,New,False,High,Web,Question,Installation,Initech,Tom Ray,\
        Jan Kowalski,3/4/2024 10:00 AM,,True
        00001028,Parts missing in the delivery,Closed,True,Low,Email,Problem,Breakdown,Globex,Eva de Vries,Anna Nowak,\
        3/5/2024 8:00 AM,3/6/2024 8:00 AM,False
        """;

    /// <summary>Genesys Cloud's interactions view exported as CSV (Performance → Interactions → Export).
    /// Source: column names of the interactions export (Conversation ID, Date, Direction, Media Type, Queue,
    /// "Users - Interacted", Abandoned, Wrap-up, Total Talk, Total Hold, Total ACW) as read by projects consuming it,
    /// https://help.mypurecloud.com/articles/interactions-view/ (columns of the view).</summary>
    private const string Genesys = """
        Conversation ID,Date,Direction,Media Type,Queue,Users - Interacted,ANI,DNIS,Abandoned,Wrap-up,Total Handle,\
        Total Talk,Total Hold,Total ACW,Total Queue
        3f2b8c1e-6a4d-4f0e-9b7a-1c2d3e4f5a61,2024-03-04T09:12:33.120Z,inbound,voice,Support EN,Anna Nowak,\
        tel:+390612345678,tel:+3280012345,NO,Resolved,412.4,301.2,45.0,66.2,38.1
        3f2b8c1e-6a4d-4f0e-9b7a-1c2d3e4f5a62,2024-03-04T10:00:02.500Z,outbound,voice,Support EN,Jan Kowalski,\
        tel:+390612345679,tel:+3280012345,NO,Callback,190.0,150.0,0,40.0,0
        3f2b8c1e-6a4d-4f0e-9b7a-1c2d3e4f5a63,2024-03-05T08:00:00.000Z,inbound,callback,Billing,Anna Nowak,\
        tel:+390612345670,tel:+3280012346,NO,Resolved,260.7,200.5,20.0,40.2,12.0
        """;

    /// <summary>Talkdesk's calls report (Explore → Calls → Export).
    /// Source: the calls report's columns (Interaction ID, Call Type, Start Time, End Time, Talkdesk Phone Number,
    /// Customer Phone Number, Talk Time, Wait Time, Hold Time, Agent Name, Disposition) as read by projects consuming
    /// it; https://support.talkdesk.com/hc/en-us/articles/360041485012 (calls report).</summary>
    private const string Talkdesk = """
        Interaction ID,Call Type,Start Time,End Time,Talkdesk Phone Number,Customer Phone Number,Talk Time,Wait Time,\
        Hold Time,Agent Name,Disposition
        8c41d5e2a9f04b7c9e1d2f3a4b5c6d71,inbound,2024-03-04 09:12:33,2024-03-04 09:18:40,+3280012345,+390612345678,\
        00:05:12,00:00:31,00:00:24,Anna Nowak,Solved
        8c41d5e2a9f04b7c9e1d2f3a4b5c6d72,outbound,2024-03-04 10:00:02,2024-03-04 10:03:00,+3280012345,+390612345679,\
        00:02:40,00:00:00,00:00:00,Jan Kowalski,Follow-up
        8c41d5e2a9f04b7c9e1d2f3a4b5c6d73,abandoned,2024-03-05 08:00:00,2024-03-05 08:01:10,+3280012346,+390612345670,\
        00:00:00,00:01:10,00:00:00,,
        """;

    /// <summary>SurveyMonkey's "All responses data" CSV: fixed respondent columns, a column per question, and a second
    /// header line naming the answer kind. Source: respondent columns (Respondent ID, Collector ID, Start Date, End
    /// Date, IP Address, Email Address, First Name, Last Name, Custom Data 1) of the export,
    /// https://help.surveymonkey.com/en/surveymonkey/analyze/exporting-responses/ (all responses data).</summary>
    private const string SurveyMonkey = """
        Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,\
        How likely is it that you would recommend Acme to a friend or colleague?,What is the main reason for your score?
        ,,,,,,,,,Response,Open-Ended Response
        114392811234,431234567,03/04/2024 9:10:02 AM,03/04/2024 9:12:33 AM,203.0.113.5,maria.rossi@example.com,Maria,\
        Rossi,T-10231,9,Quick answer and the refund came the same day
        114392811235,431234567,03/04/2024 10:01:10 AM,03/04/2024 10:02:00 AM,203.0.113.6,tom@example.org,Tom,Ray,\
        T-10232,4,Nobody called me back although I was promised a call
        114392811236,431234567,03/05/2024 8:00:00 AM,03/05/2024 8:04:45 AM,203.0.113.7,eva@example.nl,Eva,de Vries,\
        T-10233,10,Very friendly agent who solved it at once
        """;

    /// <summary>Typeform's responses download (Results → Responses → Download CSV): a token column, a column per
    /// question, then the dates. Source: https://www.typeform.com/help/a/download-your-results-360029260432/
    /// (the "#" token, question columns, Start Date (UTC), Submit Date (UTC), Network ID, Tags).</summary>
    private const string Typeform = ToolExports.Typeform;

    /// <summary>Qualtrics' CSV data export: the fixed response columns, a line of question texts and a line of import
    /// ids under the header, then a column per question. Source: https://www.qualtrics.com/support/survey-platform/
    /// data-and-analysis-module/data/download-data/understanding-your-dataset/
    /// (StartDate, EndDate, Status, IPAddress, Progress, Duration (in seconds), Finished, RecordedDate, ResponseId, …).
    /// Finished is True/False.</summary>
    private const string Qualtrics = """
        StartDate,EndDate,Status,IPAddress,Progress,Duration (in seconds),Finished,RecordedDate,ResponseId,\
        RecipientLastName,RecipientFirstName,RecipientEmail,ExternalReference,LocationLatitude,LocationLongitude,\
        DistributionChannel,UserLanguage,Q1,Q2
        Start Date,End Date,Response Type,IP Address,Progress,Duration (in seconds),Finished,Recorded Date,Response ID,\
        Recipient Last Name,Recipient First Name,Recipient Email,External Data Reference,Location Latitude,\
        Location Longitude,Distribution Channel,User Language,How satisfied were you with your support experience?,\
        Please tell us why you gave this score
        "{""ImportId"":""startDate"",""timeZone"":""America/Denver""}","{""ImportId"":""endDate"",\
        ""timeZone"":""America/Denver""}","{""ImportId"":""status""}","{""ImportId"":""ipAddress""}",\
        "{""ImportId"":""progress""}","{""ImportId"":""duration""}","{""ImportId"":""finished""}",\
        "{""ImportId"":""recordedDate"",""timeZone"":""America/Denver""}","{""ImportId"":""_recordId""}",\
        "{""ImportId"":""recipientLastName""}","{""ImportId"":""recipientFirstName""}",\
        "{""ImportId"":""recipientEmail""}","{""ImportId"":""externalDataReference""}",\
        "{""ImportId"":""locationLatitude""}","{""ImportId"":""locationLongitude""}",\
        "{""ImportId"":""distributionChannel""}","{""ImportId"":""userLanguage""}","{""ImportId"":""QID1""}",\
        "{""ImportId"":""QID2_TEXT""}"
        2024-03-04 09:10:02,2024-03-04 09:12:33,IP Address,203.0.113.5,100,151,True,2024-03-04 09:12:34,\
        R_1a2B3c4D5e6F7g8,Rossi,Maria,maria.rossi@example.com,,45.4642,9.19,email,EN,5,Fast and friendly
        2024-03-04 10:01:10,2024-03-04 10:02:00,IP Address,203.0.113.6,40,50,False,2024-03-05 10:02:01,\
        R_2b3C4d5E6f7G8h9,Ray,Tom,tom@example.org,,52.52,13.405,email,EN,2,\
        I had to explain my problem three times to different people
        2024-03-05 08:00:00,2024-03-05 08:04:45,IP Address,203.0.113.7,100,285,True,2024-03-05 08:04:46,\
        R_3c4D5e6F7g8H9i0,de Vries,Eva,eva@example.nl,,52.37,4.895,anonymous,NL,4,
        """;

    public static TheoryData<string, string, ImportKind, string> Exports => new()
    {
        { "Zendesk", Zendesk, ImportKind.Tickets, "ticket_id=Id created_at=Created at channel=Via "
            + "customer_id=Requester id agent_id=Assignee category=Ticket type "
            + "first_response_at=First reply time in minutes@minutes resolved_at=Solved at team=Group "
            + "priority=Priority" },
        { "Freshdesk", Freshdesk, ImportKind.Tickets, "ticket_id=Ticket ID created_at=Created time channel=Source "
            + "customer_id=Contact ID agent_id=Agent category=Type first_response_at=Initial response time "
            + "resolved_at=Resolved time team=Group priority=Priority" },
        { "Help Scout", HelpScout, ImportKind.Tickets, "ticket_id=Number created_at=Created At channel=Type "
            + "customer_id=Customer Email agent_id=Assigned To resolved_at=Closed At" },
        { "Chatwoot", Chatwoot, ImportKind.Tickets, "ticket_id=Conversation ID channel=Inbox name "
            + "customer_id=Customer email agent_id=Agent name first_response_at=First response time (minutes)@minutes "
            + "resolved_at=Resolution time (minutes)@minutes" },
        { "Zammad", Zammad, ImportKind.Tickets, "ticket_id=# created_at=Created At channel=Create Channel "
            + "customer_id=Customer agent_id=Owner first_response_at=First Response At resolved_at=Closed At "
            + "team=Group priority=Priority" },
        { "Salesforce Service Cloud", Salesforce, ImportKind.Tickets, "ticket_id=Case Number "
            + "created_at=Date/Time Opened channel=Case Origin customer_id=Account Name agent_id=Case Owner "
            + "category=Type "
            + "resolved_at=Date/Time Closed priority=Priority" },
        { "Genesys Cloud", Genesys, ImportKind.Tickets, "ticket_id=Conversation ID created_at=Date channel=Media Type "
            + "agent_id=Users - Interacted team=Queue" },
        { "Talkdesk", Talkdesk, ImportKind.Tickets, "ticket_id=Interaction ID created_at=Start Time channel=Call Type "
            + "customer_id=Customer Phone Number agent_id=Agent Name" },
        { "SurveyMonkey", SurveyMonkey, ImportKind.Surveys, "response_id=Respondent ID survey==nps "
            + "score=How likely is it that you would recommend Acme to a friend or colleague? submitted_at=End Date "
            + "comment=What is the main reason for your score?" },
        { "Typeform", Typeform, ImportKind.Surveys, "response_id=# survey==csat "
            + "score=How satisfied were you with our support? submitted_at=Submit Date (UTC) "
            + "comment=Anything else you'd like to tell us?" },
        { "Qualtrics", Qualtrics, ImportKind.Surveys, "response_id=ResponseId survey==csat score=Q1 "
            + "submitted_at=RecordedDate comment=Q2" },
    };

    [Theory]
    [MemberData(nameof(Exports))]
    public void A_typical_export_is_proposed_right_with_zero_corrections(string tool, string csv, ImportKind kind,
        string expected)
    {
        var sample = Sample(csv);

        var proposal = ColumnMatcher.ProposeKind(kind, sample.Headers, sample.Rows);

        Corrections(kind, proposal, expected).Should().BeEmpty($"the {tool} proposal needs no correction");
    }

    public static TheoryData<string, string, string> CallLogs => new()
    {
        { "Genesys Cloud", Genesys, "interaction_id=Conversation ID ticket_id=Conversation ID "
            + "agent_id=Users - Interacted started_at=Date talk_seconds=Total Talk hold_seconds=Total Hold "
            + "wrap_seconds=Total ACW channel=Media Type" },
        { "Talkdesk", Talkdesk, "interaction_id=Interaction ID ticket_id=Interaction ID agent_id=Agent Name "
            + "started_at=Start Time talk_seconds=Talk Time hold_seconds=Hold Time channel=Call Type" },
    };

    [Theory]
    [MemberData(nameof(CallLogs))]
    public void A_call_log_gives_its_calls_as_interactions_alongside_the_tickets(string tool, string csv,
        string expected)
    {
        var sample = Sample(csv);
        var tickets = ColumnMatcher.ProposeKind(ImportKind.Tickets, sample.Headers, sample.Rows);

        var calls = ColumnMatcher.ProposeAlongside(ImportKind.Interactions, sample.Headers, tickets, sample.Rows);

        Corrections(ImportKind.Interactions, calls, expected).Should().BeEmpty($"the {tool} calls need no correction");
    }

    [Theory]
    [InlineData("SurveyMonkey", 1, DateForm.MonthFirst, "114392811234:9,114392811235:4,114392811236:10")]
    [InlineData("Qualtrics", 2, DateForm.Iso, "R_1a2B3c4D5e6F7g8:5,R_2b3C4d5E6f7G8h9:2,R_3c4D5e6F7g8H9i0:4")]
    [InlineData("Typeform", 0, DateForm.Iso, "r8f2k1m9x0q7w3e5r8f2k1m9x0q7w3e5:5,t0q9w8e7r6t5y4u3t0q9w8e7r6t5y4u3:2,"
        + "z5x4c3v2b1n0m9l8z5x4c3v2b1n0m9l8:4")]
    public async Task Rows_describing_the_columns_under_the_header_are_skipped(string tool, int described,
        DateForm dates, string responses)
    {
        var csv = tool switch { "SurveyMonkey" => SurveyMonkey, "Qualtrics" => Qualtrics, _ => Typeform };
        var bytes = Encoding.UTF8.GetBytes(csv.Replace("\\\n", "", StringComparison.Ordinal) + "\n");

        var proposal = await MappingProposal.ProposeAsync(new MemoryStream(bytes), ImportKind.Surveys, saved: null,
            TimeZoneInfo.Utc);

        proposal.Mapping.SkipRows.Should().Be(described, $"{tool} writes {described} such rows");
        MappingProposal.Review(proposal.Sample, proposal.Mapping, dates, TimeZoneInfo.Utc).Check.Kinds[0].Rows
            .Should().OnlyContain(r => r.Errors.Count == 0, "the preview shows records only");
        await using var database = await TestDatabase.CreateAsync();
        // The admin's one answer where day and month cannot be told apart (SurveyMonkey's 03/04/2024).
        var summary = await new CsvImporter(database.ConnectionString).ImportAsync(
            proposal.Mapping with { Dates = dates }, new MemoryStream(bytes), tool + ".csv", "tester",
            new ImportOptions());
        summary.Errors.Should().BeEmpty();
        summary.Rows.Should().Be(3);
        (await Importing.ScalarAsync<string>(database,
            "SELECT string_agg(source_id || ':' || score, ',' ORDER BY source_id) FROM survey_responses"))
            .Should().Be(responses);
    }

    [Fact]
    public void A_free_text_column_is_never_an_id_nor_a_true_false_column_a_timestamp_nor_a_date_a_survey_kind()
    {
        var sample = Sample("""
            Customer,Remarks,Submitted,Survey Date,Satisfaction
            C-1,Called back twice and still waiting for the refund,True,2024-03-04,4
            C-2,Happy with the quick answer from the team,False,2024-03-05,5
            """);

        var proposal = ColumnMatcher.Propose(ImportKind.Surveys, sample.Headers, sample.Rows);

        proposal["customer_id"].Should().Be("Customer");
        proposal["comment"].Should().Be("Remarks");
        proposal["submitted_at"].Should().NotBe("Submitted", "True/False is not a time");
        proposal["survey"].Should().NotBe("Survey Date", "a date is not a survey kind");
        ColumnMatcher.Propose(ImportKind.Tickets, ["Ticket", "Remarks", "Opened"],
                [["T-1", "Customer called back twice about the same invoice", "2024-03-04 09:00"]])
            ["customer_id"].Should().BeNull("a remarks column is not a customer id, whatever its header");
    }

    [Fact]
    public void Created_at_is_proposed_from_the_earliest_timestamp_when_no_header_names_it()
    {
        var sample = Sample("""
            Ref,Logged,Answered,Finished,Medium
            R-1,2024-03-04 09:00,2024-03-04 09:30,2024-03-04 12:00,Phone
            R-2,2024-03-04 10:00,2024-03-04 10:05,2024-03-05 08:00,Email
            """);

        var proposal = ColumnMatcher.Propose(ImportKind.Tickets, sample.Headers, sample.Rows);

        proposal["created_at"].Should().Be("Logged");
    }

    [Theory]
    [InlineData("Web")]
    [InlineData("Web Widget")]
    public void A_web_channel_is_not_guessed_as_email(string value) =>
        ColumnMatcher.ProposeValue(ColumnType.Channel, value).Should().BeNull("the admin says what the web channel is");

    /// <summary>The first rows of an export; a line ending in a backslash goes on in the next.</summary>
    private static FilePreview Sample(string csv) => ColumnMatcher.Preview(
        new MemoryStream(Encoding.UTF8.GetBytes(csv.Replace("\\\n", "", StringComparison.Ordinal) + "\n")), 50);

    /// <summary>The canonical columns whose proposed source differs from the expected one.</summary>
    internal static List<string> Corrections(ImportKind kind, MappedKind proposal, string expected)
    {
        var wanted = Expected(expected);
        return kind.Columns().Select(c => c.Name)
            .Select(c => (Column: c, Proposed: Shown(proposal.Source(c)), Expected: wanted.GetValueOrDefault(c)))
            .Where(c => c.Proposed != c.Expected)
            .Select(c => $"{c.Column}: {c.Proposed ?? "(none)"} → {c.Expected ?? "(none)"}")
            .ToList();
    }

    /// <summary>A source as the expectations write it: the header (with "@unit" for a duration), or "=value".
    /// </summary>
    private static string? Shown(ColumnSource? source) =>
        source is null ? null : source.Header is { } header
            ? header + (source.Unit is { } unit ? "@" + unit.Code() : "") : "=" + source.Value;

    /// <summary>"column=Header column==value …": a header runs to the next " name=" (headers have spaces).</summary>
    private static Dictionary<string, string> Expected(string text)
    {
        var names = Enum.GetValues<ImportKind>().SelectMany(k => k.Columns()).Select(c => c.Name).ToHashSet();
        var result = new Dictionary<string, string>();
        string? column = null;
        var value = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            var cut = word.IndexOf('=', StringComparison.Ordinal);
            if (cut > 0 && names.Contains(word[..cut]))
            {
                if (column is not null)
                    result[column] = value.ToString();
                column = word[..cut];
                value.Clear().Append(word[(cut + 1)..]);
            }
            else
            {
                value.Append(' ').Append(word);
            }
        }
        if (column is not null)
            result[column] = value.ToString();
        return result;
    }
}
