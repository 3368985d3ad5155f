namespace CsKpi.Core.Import;

/// <summary>A column of the file, its header and the first values under it, for the admin's mapping step.</summary>
public sealed record FilePreview(char Delimiter, IReadOnlyList<string> Headers,
    IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// Proposes which header of an export from another tool holds each canonical column, from header similarity
/// (same name once normalised; one name containing the other; else edit distance), so that the admin only corrects
/// what is wrong.
/// </summary>
public static class ColumnMatcher
{
    /// <summary>
    /// The header line and up to <paramref name="rows"/> records, read from the start of the stream; a line longer
    /// than <paramref name="maxLineBytes"/> is left out (the import reports it), so is everything after a broken quote.
    /// </summary>
    public static FilePreview Preview(Stream file, int rows = 5, int maxLineBytes = ImportOptions.DefaultMaxLineBytes)
    {
        var reader = new CsvRecordReader(file, maxRecordBytes: maxLineBytes);
        var headers = new List<string>();
        reader.ReadHeader(headers);
        var records = new List<IReadOnlyList<string>>();
        var fields = new List<string>();
        try
        {
            while (records.Count < rows && reader.Read(fields))
            {
                if (!reader.TooLong)
                    records.Add(fields.ToList());
            }
        }
        catch (CsvFormatException)
        {
            // A preview shows what it could read; the import reports the problem with its line.
        }
        return new FilePreview(reader.Delimiter, headers.Select(h => h.Trim()).ToList(), records);
    }

    /// <summary>
    /// What other tools call our columns (Zendesk, Salesforce, Freshdesk, call systems, survey tools): a header
    /// matching one of these scores just below our own name.
    /// </summary>
    private static readonly Dictionary<string, string[]> Synonyms = new()
    {
        ["ticket_id"] = ["ticket", "ticket number", "case number", "case id", "case", "request id", "id"],
        ["created_at"] = ["created", "opened", "date opened", "date/time opened", "created time", "created date",
            "received"],
        ["channel"] = ["origin", "case origin", "source", "via", "medium", "contact type"],
        ["customer_id"] = ["customer", "account", "account name", "account id", "requester", "requester id", "client",
            "contact"],
        ["agent_id"] = ["agent", "assignee", "assigned to", "owner", "case owner", "handled by", "operator"],
        ["category"] = ["type", "case type", "reason", "topic", "issue type"],
        ["first_response_at"] = ["first reply", "first response", "first reply time", "first response time",
            "first responded"],
        ["resolved_at"] = ["closed", "solved", "resolved", "date closed", "date/time closed", "resolved time",
            "solved at", "closed date"],
        ["reopened"] = ["reopens", "was reopened"],
        ["response_id"] = ["response", "response number", "survey response id"],
        ["survey"] = ["question", "survey type", "survey name"],
        ["score"] = ["rating", "satisfaction", "satisfaction score", "csat", "csat score", "answer"],
        ["submitted_at"] = ["responded", "response date", "submitted", "completed", "answered at"],
        ["comment"] = ["remarks", "feedback", "verbatim", "comments"],
        ["interaction_id"] = ["call id", "interaction", "contact id", "session id"],
        ["started_at"] = ["start", "start time", "call start", "began"],
        ["talk_seconds"] = ["talk time", "talk", "duration"],
        ["hold_seconds"] = ["hold time", "hold"],
        ["wrap_seconds"] = ["wrap up", "wrap time", "after call work", "acw"],
        ["name"] = ["full name", "agent name", "display name"],
        ["email"] = ["e-mail", "email address", "mail"],
        ["team"] = ["group", "team name", "department", "queue"],
        ["customer_since"] = ["since", "signup date", "joined", "start date"],
        ["cancelled_on"] = ["cancelled", "churned", "end date"],
        ["segment"] = ["plan", "tier", "region"],
    };

    /// <summary>How well a header names a canonical column: by our name, else (a little lower) by a name other tools
    /// use.</summary>
    private static double Match(string column, string header) =>
        Math.Max(Similarity(column, header), Synonyms.TryGetValue(column, out var names) ? names.Max(n => Similarity(n,
            header)) * 0.95 : 0);

    /// <summary>Canonical column → the best-matching header (or null), each header used at most once.</summary>
    public static IReadOnlyDictionary<string, string?> Propose(ImportKind kind, IReadOnlyList<string> headers)
    {
        var candidates = kind.Columns()
            .SelectMany(c => headers.Select(h => (Column: c.Name, Header: h, Score: Match(c.Name, h))))
            .Where(x => x.Score >= 0.6)
            .OrderByDescending(x => x.Score)
            .ToList();
        var proposal = kind.Columns().ToDictionary(c => c.Name, _ => (string?)null);
        var used = new HashSet<string>();
        foreach (var (column, header, _) in candidates)
        {
            if (proposal[column] is null && used.Add(header))
                proposal[column] = header;
        }
        return proposal;
    }

    /// <summary>The proposal for the file's own kind, as a mapped kind.</summary>
    public static MappedKind ProposeKind(ImportKind kind, IReadOnlyList<string> headers) =>
        new(kind, Propose(kind, headers).Where(p => p.Value is not null).ToDictionary(p => p.Key, p =>
            new ColumnSource { Header = p.Value }));

    /// <summary>
    /// A kind fed alongside the file's own (a rating on a ticket row): the ticket, agent and customer columns are the
    /// ones the file's own kind uses; a survey without a column naming its kind is a csat, answered when the ticket
    /// was resolved (else created); the rest is proposed from header similarity.
    /// </summary>
    public static MappedKind ProposeAlongside(ImportKind kind, IReadOnlyList<string> headers, MappedKind primary)
    {
        var columns = ProposeKind(kind, headers).Columns.ToDictionary(c => c.Key, c => c.Value);
        var own = primary.Kind.Columns()[0].Name; // the file's own id: a ticket file's ticket_id is the survey's ticket_id
        foreach (var shared in new[] { "ticket_id", "agent_id", "customer_id" })
        {
            if (kind.Columns().Any(c => c.Name == shared) && (primary.Source(shared)
                ?? (shared == own ? primary.Source(own) : null)) is { } source)
                columns[shared] = source;
        }
        if (kind == ImportKind.Surveys)
        {
            if (!columns.ContainsKey("survey"))
                columns["survey"] = new ColumnSource { Value = "csat" };
            if (!columns.ContainsKey("submitted_at") && (primary.Source("resolved_at")
                ?? primary.Source("created_at")) is { } when)
                columns["submitted_at"] = when;
            columns.Remove("response_id"); // derived from the survey and the ticket (docs/decisions.md)
        }
        return new MappedKind(kind, columns);
    }

    /// <summary>What another tool's coded value most likely means in our codes (<c>Inbound</c> → phone), or null when
    /// there is no good guess.</summary>
    public static string? ProposeValue(ColumnType type, string value)
    {
        var text = ImportKinds.NormalizeHeader(value);
        return type switch
        {
            ColumnType.Channel => ValueGuesses.FirstOrDefault(g => g.Words.Any(w => text.Contains(w,
                StringComparison.Ordinal))).Code,
            ColumnType.SurveyKind => text.Contains("employee", StringComparison.Ordinal) ? "enps"
                : text.Contains("recommend", StringComparison.Ordinal) || text.Contains("likely",
                    StringComparison.Ordinal) ? "nps"
                : text.Contains("effort", StringComparison.Ordinal) || text.Contains("easy",
                    StringComparison.Ordinal) ? "ces"
                : text.Contains("satisf", StringComparison.Ordinal) ? "csat" : null,
            ColumnType.Boolean => text is "y" or "t" or "ja" or "si" or "tak" ? "true" : text is "n" or "f" or "nee" or "nie" ? "false" : null,
            _ => null,
        };
    }

    private static readonly (string Code, string[] Words)[] ValueGuesses =
    [
        ("phone", ["phone", "call", "inbound", "outbound", "voice", "telephone", "ivr"]),
        ("email", ["mail", "web", "form", "portal"]),
        ("chat", ["chat", "messag", "whatsapp", "sms"]),
        ("social", ["social", "twitter", "facebook", "instagram", "linkedin"]),
        ("in_person", ["walk", "person", "store", "visit", "branch", "counter"]),
    ];

    /// <summary>True when every required column is found by its own name: no mapping step needed.</summary>
    public static bool MatchesCanonically(ImportKind kind, IReadOnlyList<string> headers)
    {
        var normalized = headers.Select(ImportKinds.NormalizeHeader).ToHashSet();
        return kind.Columns().Where(c => c.Required).All(c => normalized.Contains(c.Name));
    }

    /// <summary>0…1: 1 for the same normalised name, 0.8 when one contains the other, else 1 − edit distance /
    /// length.</summary>
    public static double Similarity(string canonical, string header)
    {
        var a = ImportKinds.NormalizeHeader(canonical);
        var b = ImportKinds.NormalizeHeader(header);
        if (a.Length == 0 || b.Length == 0)
            return 0;
        if (a == b)
            return 1;
        var compactA = a.Replace("_", "", StringComparison.Ordinal);
        var compactB = b.Replace("_", "", StringComparison.Ordinal);
        if (compactA == compactB)
            return 0.95;
        if (compactA.Contains(compactB, StringComparison.Ordinal) || compactB.Contains(compactA,
            StringComparison.Ordinal))
            return 0.8;
        return 1.0 - ((double)Levenshtein(compactA, compactB) / Math.Max(compactA.Length, compactB.Length));
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1]
                    + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
