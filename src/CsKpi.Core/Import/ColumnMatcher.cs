namespace CsKpi.Core.Import;

/// <summary>A column of the file, its header and the first values under it, for the admin's mapping step.</summary>
public sealed record FilePreview(
    char Delimiter, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>The encoding the file was read in.</summary>
    public FileEncoding Encoding { get; init; }
}

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
    /// The file is read in <paramref name="encoding"/>, else in the one detected from its bytes (a seekable stream).
    /// </summary>
    public static FilePreview Preview(Stream file, int rows = 5, int maxLineBytes = ImportOptions.DefaultMaxLineBytes,
        FileEncoding? encoding = null)
    {
        var reader = new CsvRecordReader(file, maxRecordBytes: maxLineBytes,
            encoding: encoding ?? (file.CanSeek ? EncodingDetection.Detect(file) : FileEncoding.Utf8));
        var headers = new List<string>();
        reader.ReadHeader(headers);
        var records = new List<IReadOnlyList<string>>();
        var fields = new List<string>();
        try
        {
            while (records.Count < rows && reader.Read(fields))
            {
                if (!reader.Unread)
                    records.Add(fields.ToList());
            }
        }
        catch (CsvFormatException)
        {
            // A preview shows what it could read; the import reports the problem with its line.
        }
        return new FilePreview(reader.Delimiter, headers.Select(h => h.Trim()).ToList(), records)
        {
            Encoding = reader.Encoding,
        };
    }

    /// <summary>How many rows of a sample the proposal reads: enough to tell what a column holds.</summary>
    public const int ProposalRows = 500;

    /// <summary>
    /// How well a header names a canonical column: by our name, else (a little lower) by a name other tools use.
    /// </summary>
    private static double Match(string column, string header) =>
        Math.Max(Similarity(column, header), ExportColumnNames.For(column)
            .Select((name, i) => Similarity(name, header) * (0.95 - (i * 0.0005))) // earlier names first
            .DefaultIfEmpty(0).Max());

    /// <summary>
    /// Canonical column → the best-matching header (or null), each header used at most once, from the header names
    /// and the values of the sample <paramref name="rows"/>: a column is never proposed from a header whose values it
    /// cannot hold (a free-text column as an id, a true/false column as a timestamp, a date as a survey kind), and of
    /// headers that match alike, the one whose values fit best wins. Without rows, headers alone decide.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Propose(ImportKind kind, IReadOnlyList<string> headers,
        IReadOnlyList<IReadOnlyList<string>>? rows = null) => Propose(kind, headers, rows ?? [], ownKind: true);

    /// <param name="ownKind">The file's own kind: its required times may be told from the values alone (a kind fed
    /// alongside takes them from the file's own kind instead).</param>
    private static Dictionary<string, string?> Propose(ImportKind kind, IReadOnlyList<string> headers,
        IReadOnlyList<IReadOnlyList<string>> rows, bool ownKind)
    {
        var sample = SampleRows.Of(headers, rows);
        var profiles = headers
            .Select((_, p) => rows.Count == 0 ? ColumnProfile.Unknown : ColumnProfile.Of(sample.Cells(p)))
            .ToList();
        var candidates = kind.Columns()
            .SelectMany(c => headers.Select((h, p) => (Column: c.Name, Header: h, Score: Match(c.Name, h),
                Fit: profiles[p].Fit(c) ?? DurationHeaders.Fit(kind, c.Name, h, profiles[p]))))
            .Where(x => x.Score >= 0.6 && x.Fit is not null)
            .OrderByDescending(x => x.Score + x.Fit!.Value)
            .ToList();
        var proposal = kind.Columns().ToDictionary(c => c.Name, _ => (string?)null);
        var used = new HashSet<string>();
        foreach (var (column, header, _, _) in candidates)
        {
            if (proposal[column] is null && used.Add(header))
                proposal[column] = header;
        }
        if (rows.Count > 0)
            ValueProposals.Complete(kind, headers, sample, profiles, proposal, used, ownKind);
        return proposal;
    }

    /// <summary>The proposal for the file's own kind from its headers and a sample of rows, as a mapped kind.</summary>
    public static MappedKind ProposeKind(ImportKind kind, IReadOnlyList<string> headers,
        IReadOnlyList<IReadOnlyList<string>>? rows = null) => ProposeKind(kind, headers, rows ?? [], ownKind: true);

    private static MappedKind ProposeKind(ImportKind kind, IReadOnlyList<string> headers,
        IReadOnlyList<IReadOnlyList<string>> rows, bool ownKind)
    {
        var sample = SampleRows.Of(headers, rows);
        // A first response or resolution time given as a duration: its unit from the values or the header.
        DurationUnit? Unit(string column, string header) => DurationUnits.Takes(kind, column)
            ? DurationHeaders.Propose(header, rows.Count == 0 ? ColumnProfile.Unknown
                : ColumnProfile.Of(sample.Cells(headers.ToList().IndexOf(header))))
            : null;
        var columns = Propose(kind, headers, rows, ownKind).Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => new ColumnSource { Header = p.Value, Unit = Unit(p.Key, p.Value!) });
        // A survey export has a column per question: the score column's question names the survey kind.
        if (kind == ImportKind.Surveys && !columns.ContainsKey("survey")
            && columns.GetValueOrDefault("score")?.Header is { } score
            && ValueProposals.SurveyKindOf(score, headers, sample) is { } surveyKind)
            columns["survey"] = new ColumnSource { Value = surveyKind };
        return new(kind, columns);
    }

    /// <summary>
    /// A kind fed alongside the file's own (a rating on a ticket row): the ticket, agent and customer columns are the
    /// ones the file's own kind uses; a survey without a column naming its kind is a csat, answered when the ticket
    /// was resolved (else created); the rest is proposed from header similarity and the values of the sample
    /// <paramref name="rows"/>.
    /// </summary>
    public static MappedKind ProposeAlongside(ImportKind kind, IReadOnlyList<string> headers, MappedKind primary,
        IReadOnlyList<IReadOnlyList<string>>? rows = null)
    {
        rows ??= [];
        var columns = ProposeKind(kind, headers, rows, ownKind: false).Columns.ToDictionary(c => c.Key, c => c.Value);
        // The file's own id: a ticket file's ticket_id is the survey's ticket_id.
        var own = primary.Kind.Columns()[0].Name;
        foreach (var shared in new[] { "ticket_id", "agent_id", "customer_id" })
        {
            if (kind.Columns().Any(c => c.Name == shared)
                && (primary.Source(shared) ?? (shared == own ? primary.Source(own) : null)) is { } source)
                columns[shared] = source;
        }
        if (kind == ImportKind.Surveys)
        {
            if (!columns.ContainsKey("survey"))
                columns["survey"] = new ColumnSource { Value = "csat" };
            if (!columns.ContainsKey("submitted_at")
                && (primary.Source("resolved_at") is { Unit: null } resolved ? resolved
                    : primary.Source("created_at")) is { } when)
                columns["submitted_at"] = when; // a resolution given as a duration is no survey time
            columns.Remove("response_id"); // derived from the survey and the ticket (docs/decisions.md)
        }
        return new MappedKind(kind, columns);
    }

    /// <summary>
    /// What another tool's coded value most likely means in our codes (<c>Inbound</c> → phone), or null when there
    /// is no good guess.
    /// </summary>
    public static string? ProposeValue(ColumnType type, string value)
    {
        var text = ImportKinds.NormalizeHeader(value);
        return type switch
        {
            ColumnType.Channel => ValueGuesses
                .FirstOrDefault(g => g.Words.Any(w => text.Contains(w, StringComparison.Ordinal))).Code,
            ColumnType.SurveyKind => text.Contains("employee", StringComparison.Ordinal) ? "enps"
                : text.Contains("recommend", StringComparison.Ordinal)
                    || text.Contains("likely", StringComparison.Ordinal) ? "nps"
                : text.Contains("effort", StringComparison.Ordinal)
                    || text.Contains("easy", StringComparison.Ordinal) ? "ces"
                : text.Contains("satisf", StringComparison.Ordinal) ? "csat" : null,
            ColumnType.Priority => PriorityGuesses
                .FirstOrDefault(g => g.Words.Any(w => text.Contains(w, StringComparison.Ordinal))).Code,
            ColumnType.Boolean => text is "y" or "t" or "ja" or "si" or "tak" ? "true"
                : text is "n" or "f" or "nee" or "nie" ? "false" : null,
            _ => null,
        };
    }

    private static readonly (string Code, string[] Words)[] ValueGuesses =
    [
        ("phone", ["phone", "call", "inbound", "outbound", "voice", "telephone", "ivr"]),
        ("email", ["mail", "form", "portal"]), // not "web": a web widget is often a chat
        ("chat", ["chat", "messag", "whatsapp", "sms"]),
        ("social", ["social", "twitter", "facebook", "instagram", "linkedin"]),
        ("in_person", ["walk", "person", "store", "visit", "branch", "counter"]),
    ];

    private static readonly (string Code, string[] Words)[] PriorityGuesses =
    [
        ("urgent", ["urgent", "critical", "blocker", "emergency", "highest"]),
        ("high", ["high", "major"]),
        ("low", ["low", "minor", "trivial"]),
        ("normal", ["normal", "medium", "moderate", "standard"]),
    ];

    /// <summary>True when every required column is found by its own name: no mapping step needed.</summary>
    public static bool MatchesCanonically(ImportKind kind, IReadOnlyList<string> headers)
    {
        var normalized = headers.Select(ImportKinds.NormalizeHeader).ToHashSet();
        return kind.Columns().Where(c => c.Required).All(c => normalized.Contains(c.Name));
    }

    /// <summary>
    /// 0…1: 1 for the same normalised name, 0.8 when one contains the other, else 1 − edit distance / length.
    /// </summary>
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
        // Containment counts from 3 characters: "id" is in every "… ID" header.
        if (Math.Min(compactA.Length, compactB.Length) >= 3
            && (compactA.Contains(compactB, StringComparison.Ordinal)
                || compactB.Contains(compactA, StringComparison.Ordinal)))
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
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1),
                    previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
