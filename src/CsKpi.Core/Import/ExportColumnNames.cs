namespace CsKpi.Core.Import;

/// <summary>
/// What other tools call our columns, in one table: the names common exports write in their header (Zendesk,
/// Freshdesk, Help Scout, Chatwoot, Zammad, Salesforce Service Cloud, Genesys and Talkdesk call logs, SurveyMonkey,
/// Typeform and Qualtrics responses) and the usual generic names. A header matching one scores just below our own
/// name (<see cref="ColumnMatcher"/>), an earlier name of a list a little above a later one; the values then decide
/// between headers that match alike.
/// </summary>
public static class ExportColumnNames
{
    public static IReadOnlyList<string> For(string column) => Names.TryGetValue(column, out var names) ? names : [];

    private static readonly Dictionary<string, string[]> Names = new()
    {
        ["ticket_id"] =
        [
            "ticket", "ticket number", "case number", "case id", "case", "request id", "id",
            "ticket id", // Freshdesk
            "#", "number", // Zammad
            "conversation id", // Help Scout, Chatwoot, Genesys
            "interaction id", "call id", // Talkdesk
        ],
        ["created_at"] =
        [
            "created", "opened", "date opened", "created date", "received",
            "created at", // Zendesk, Zammad, Help Scout
            "created time", // Freshdesk
            "date/time opened", // Salesforce
            "date", // Genesys
            "start time", // Talkdesk
        ],
        ["channel"] =
        [
            "origin", "medium", "contact type",
            "via", // Zendesk
            "source", // Freshdesk
            "case origin", // Salesforce
            "type", // Help Scout (email, chat, phone)
            "inbox name", "inbox", // Chatwoot
            "create channel", // Zammad
            "media type", // Genesys
            "call type", // Talkdesk
        ],
        ["customer_id"] =
        [
            "customer", "account", "account id", "client", "contact",
            "requester id", "requester", // Zendesk
            "contact id", // Freshdesk
            "customer email", // Help Scout, Chatwoot
            "account name", // Salesforce
            "customer phone number", // Talkdesk
        ],
        ["agent_id"] =
        [
            "agent", "assigned to", "handled by", "operator",
            "assignee", // Zendesk
            "agent name", // Chatwoot, Talkdesk
            "owner", // Zammad
            "case owner", // Salesforce
            "users - interacted", // Genesys
        ],
        ["category"] =
        [
            "case type", "reason", "topic", "issue type",
            "ticket type", // Zendesk
            "type", // Freshdesk, Salesforce
            "case reason", // Salesforce
        ],
        ["first_response_at"] =
        [
            "first reply", "first response", "first reply time", "first responded",
            "first response at", // Zammad
            "first response time", "initial response time", // Freshdesk
            // Durations after created_at (the unit is read from the header or the values):
            "first reply time in minutes", // Zendesk
            "first response time (in hrs)", // Freshdesk
            "first response time (minutes)", // Chatwoot
            "time to first response", "first response minutes", "frt",
        ],
        ["resolved_at"] =
        [
            "closed", "solved", "resolved", "date closed", "closed date",
            "solved at", // Zendesk
            "resolved time", // Freshdesk
            "closed at", // Zammad, Help Scout
            "date/time closed", // Salesforce
            // Durations after created_at (the unit is read from the header or the values):
            "full resolution time in minutes", "first resolution time in minutes", // Zendesk
            "resolution time (in hrs)", // Freshdesk
            "resolution time (minutes)", // Chatwoot
            "resolution time", "time to resolution", "resolution",
        ],
        ["reopened"] = ["reopens", "was reopened"],
        ["response_id"] =
        [
            "response", "response number", "survey response id",
            "respondent id", // SurveyMonkey
            "#", // Typeform
            "response id", "responseid", // Qualtrics
        ],
        ["survey"] = ["question", "survey type", "survey name"],
        ["score"] = ["rating", "satisfaction", "satisfaction score", "csat", "csat score", "answer"],
        ["submitted_at"] =
        [
            "responded", "response date", "submitted", "completed", "answered at",
            "end date", // SurveyMonkey
            "submit date (utc)", "submitted at", // Typeform
            "recorded date", "recordeddate", // Qualtrics
        ],
        ["comment"] = ["remarks", "feedback", "verbatim", "comments"],
        ["interaction_id"] =
        [
            "call id", "interaction", "contact id", "session id",
            "conversation id", // Genesys
            "interaction id", // Talkdesk
        ],
        ["started_at"] =
        [
            "start", "call start", "began",
            "date", // Genesys
            "start time", // Talkdesk
        ],
        ["talk_seconds"] =
        [
            "talk", "duration",
            "total talk", // Genesys
            "talk time", // Talkdesk
        ],
        ["hold_seconds"] =
        [
            "hold",
            "total hold", // Genesys
            "hold time", // Talkdesk
        ],
        ["wrap_seconds"] =
        [
            "wrap up", "wrap time", "after call work", "acw",
            "total acw", // Genesys
            "wrap up time", // Talkdesk
        ],
        ["name"] = ["full name", "agent name", "display name"],
        ["email"] = ["e-mail", "email address", "mail"],
        ["team"] = ["group", "team name", "department", "queue"],
        ["priority"] = ["urgency", "severity", "ticket priority"],
        ["customer_since"] = ["since", "signup date", "joined", "start date"],
        ["cancelled_on"] = ["cancelled", "churned", "end date"],
        ["segment"] = ["plan", "tier", "region"],
    };
}
