namespace CsKpi.Core.Tests.Import;

/// <summary>
/// Exports of other tools, each built from that tool's documented export columns with realistic rows (source in the
/// comment): the proposal tests read them, and so do the web tests that import them through the mapping step and
/// through <c>cskpi mapping propose</c>. A line ending in a backslash goes on in the next (<see cref="Csv"/>).
/// </summary>
public static class ToolExports
{
    /// <summary>Freshdesk's ticket export (Tickets → Export), columns as Freshdesk names them.
    /// Source: Freshdesk's export field labels (display_id → "Ticket ID", first_response_time → "Initial response
    /// time", first_res_time_bhrs → "First response time (in hrs)", …) found by code search in projects reading the
    /// export; https://support.freshdesk.com/support/solutions/articles/37603 (exporting tickets).</summary>
    public const string Freshdesk = """
        Ticket ID,Subject,Status,Priority,Source,Type,Agent,Group,Created time,Due by Time,Resolved time,Closed time,\
        Last update time,Initial response time,Time tracked,First response time (in hrs),Resolution time (in hrs),\
        Agent interactions,Customer interactions,Resolution status,First response status,Tags,Survey results,Product,\
        Full name,Contact ID
        5012,Order arrived damaged please help,Closed,Medium,Email,Problem,Anna Nowak,Returns,2024-03-04 09:12:33,\
        2024-03-06 09:12:33,2024-03-04 15:00:00,2024-03-06 15:00:00,2024-03-06 15:00:00,2024-03-04 09:40:00,00:12:00,\
        00:27:27,05:47:27,2,3,Within SLA,Within SLA,damaged,Extremely happy,Shop,Maria Rossi,48000123456
        5013,How do I change my plan,Open,Low,Portal,Question,Jan Kowalski,Sales,2024-03-04 11:00:00,\
        2024-03-07 11:00:00,,,2024-03-04 12:00:00,2024-03-04 11:30:00,00:00:00,00:30:00,,1,1,,Within SLA,plans,,Shop,\
        Tom Ray,48000123457
        5014,Charged twice for one order,Resolved,High,Phone,Incident,Anna Nowak,Billing,2024-03-05 08:00:00,\
        2024-03-05 16:00:00,2024-03-05 10:00:00,,2024-03-05 10:00:00,2024-03-05 08:05:00,00:20:00,00:05:00,02:00:00,3,\
        2,Within SLA,Within SLA,billing,Neutral,Shop,Eva de Vries,48000123458
        5015,Chat about delivery times,Closed,Medium,Chat,Question,Jan Kowalski,Sales,2024-03-05 14:10:00,\
        2024-03-06 14:10:00,2024-03-05 14:30:00,2024-03-07 14:30:00,2024-03-07 14:30:00,2024-03-05 14:11:00,00:05:00,\
        00:01:00,00:20:00,1,1,Within SLA,Within SLA,,,Shop,Maria Rossi,48000123456
        """;

    /// <summary>Help Scout conversations as exported from its reports, one row per conversation with its mailbox,
    /// type (email, chat, phone), customer and assignee. Source: Help Scout's conversation fields,
    /// https://developer.helpscout.com/mailbox-api/endpoints/conversations/list/ (number, type, status, mailbox,
    /// customer, assignee, createdAt, closedAt).</summary>
    public const string HelpScout = """
        Conversation ID,Number,Type,Status,Mailbox,Subject,Customer Name,Customer Email,Assigned To,Tags,Created At,\
        Closed At
        2391847561,3107,email,closed,Support,Cannot download my invoice,Maria Rossi,maria.rossi@example.com,Anna Nowak,\
        billing,2024-03-04T09:12:33Z,2024-03-04T11:00:00Z
        2391847562,3108,chat,closed,Support,Question about the warranty terms,Tom Ray,tom@example.org,Jan Kowalski,,\
        2024-03-04T10:00:00Z,2024-03-04T10:20:00Z
        2391847563,3109,phone,active,Sales,Upgrade to the business plan,Eva de Vries,eva@example.nl,Anna Nowak,sales,\
        2024-03-05T08:00:00Z,
        """;

    /// <summary>Typeform's responses download (Results → Responses → Download CSV): a token column, a column per
    /// question, then the dates. Source: https://www.typeform.com/help/a/download-your-results-360029260432/
    /// (the "#" token, question columns, Start Date (UTC), Submit Date (UTC), Network ID, Tags).</summary>
    public const string Typeform = """
        #,How satisfied were you with our support?,Anything else you'd like to tell us?,Start Date (UTC),\
        Submit Date (UTC),Network ID,Tags
        r8f2k1m9x0q7w3e5r8f2k1m9x0q7w3e5,5,The agent explained everything very clearly,2024-03-04 09:10:02,\
        2024-03-04 09:12:33,a1b2c3d4e5,
        t0q9w8e7r6t5y4u3t0q9w8e7r6t5y4u3,2,,2024-03-04 10:01:10,2024-03-04 10:02:00,f6g7h8i9j0,
        z5x4c3v2b1n0m9l8z5x4c3v2b1n0m9l8,4,It took two days before anyone answered my mail,2024-03-05 08:00:00,\
        2024-03-05 08:04:45,k1l2m3n4o5,
        """;

    /// <summary>The export as a file holds it: continued lines joined, a line break at the end.</summary>
    public static string Csv(string export) => export.Replace("\\\n", "", StringComparison.Ordinal) + "\n";
}
