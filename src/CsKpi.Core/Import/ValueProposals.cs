namespace CsKpi.Core.Import;

/// <summary>
/// The sample rows of a file as the proposal reads them: survey tools write more header lines (Qualtrics the question
/// texts, then <c>{"ImportId":…}</c>; SurveyMonkey a line of sub-answers such as "Response"), which are left out, and
/// the question texts are kept as the columns' descriptions.
/// </summary>
internal sealed record SampleRows(IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<string> Descriptions)
{
    public static SampleRows Of(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var importId = rows.Take(3).ToList().FindIndex(r =>
            r.Any(c => c.TrimStart().StartsWith("{\"ImportId\"", StringComparison.OrdinalIgnoreCase)));
        var skip = importId >= 0 ? importId + 1
            : rows.Count > 1 && rows[0].All(c => !c.Any(char.IsAsciiDigit)) ? 1 : 0;
        var descriptions = headers.Select((h, p) => importId > 0 && p < rows[0].Count ? rows[0][p] : h).ToList();
        return new(rows.Skip(skip).Take(ColumnMatcher.ProposalRows).ToList(), descriptions);
    }

    public IEnumerable<string> Cells(int position) => Rows.Select(r => position < r.Count ? r[position] : "");
}

/// <summary>
/// What the values tell when the header names do not: the creation (or start, or submission) timestamp of a row, the
/// score and comment columns of a survey export, the survey kind its question names.
/// </summary>
internal static class ValueProposals
{
    public static void Complete(ImportKind kind, IReadOnlyList<string> headers, SampleRows sample,
        IReadOnlyList<ColumnProfile> profiles, Dictionary<string, string?> proposal, HashSet<string> used, bool ownKind)
    {
        bool Free(int p) => !used.Contains(headers[p]);
        void Take(string column, int p)
        {
            proposal[column] = headers[p];
            used.Add(headers[p]);
        }

        foreach (var (column, words, earliest) in Moments)
        {
            if (!ownKind || !proposal.TryGetValue(column, out var header) || header is not null)
                continue;
            var times = Enumerable.Range(0, headers.Count)
                .Where(p => Free(p) && profiles[p].Kind is ValueKind.Timestamp or ValueKind.Date).ToList();
            var named = times.Where(p => words.Any(w => Normalized(headers[p]).Contains(w, StringComparison.Ordinal)))
                .ToList();
            var chosen = named.Count > 0 ? named : times;
            if (chosen.Count > 0)
            {
                Take(column, First(chosen, sample, earliest));
            }
        }

        if (kind != ImportKind.Surveys || !ownKind)
            return;
        if (proposal["score"] is null)
        {
            var score = Enumerable.Range(0, headers.Count).FirstOrDefault(p => Free(p)
                && profiles[p] is { Kind: ValueKind.Number, Whole: true, Min: >= 0, Max: <= 10 }
                && NamedKind(headers[p] + " " + sample.Descriptions[p]) is not null, -1);
            if (score >= 0)
                Take("score", score);
        }
        if (proposal["comment"] is null)
        {
            var comment = Enumerable.Range(0, headers.Count)
                .FirstOrDefault(p => Free(p) && profiles[p].Kind == ValueKind.FreeText, -1);
            if (comment >= 0)
                Take("comment", comment);
        }
    }

    /// <summary>The survey kind the score column's header (or question text) names, or null.</summary>
    public static string? SurveyKindOf(string scoreHeader, IReadOnlyList<string> headers, SampleRows sample)
    {
        var p = headers.ToList().FindIndex(h => string.Equals(h, scoreHeader, StringComparison.OrdinalIgnoreCase));
        return p < 0 ? null : NamedKind(headers[p] + " " + sample.Descriptions[p]);
    }

    private static string? NamedKind(string text) => ColumnMatcher.ProposeValue(ColumnType.SurveyKind, text);

    /// <summary>Required moments of a row: the header words naming them, and whether it is the earliest or latest.
    /// </summary>
    private static readonly (string Column, string[] Words, bool Earliest)[] Moments =
    [
        ("created_at", ["creat", "open", "receiv", "start"], true),
        ("started_at", ["start", "begin"], true),
        ("submitted_at", ["submit", "record", "complet", "end"], false),
    ];

    private static string Normalized(string header) => ImportKinds.NormalizeHeader(header);

    /// <summary>Of the timestamp columns, the one earliest (or latest) on most rows.</summary>
    private static int First(List<int> columns, SampleRows sample, bool earliest)
    {
        var instants = columns.Select(p => Instants(sample.Cells(p))).ToList();
        var wins = new int[columns.Count];
        for (var row = 0; row < sample.Rows.Count; row++)
        {
            var best = -1;
            for (var c = 0; c < columns.Count; c++)
            {
                if (instants[c][row] is not { } at)
                    continue;
                if (best < 0 || (earliest ? at < instants[best][row] : at > instants[best][row]))
                    best = c;
            }
            if (best >= 0)
                wins[best]++;
        }
        return columns[Array.IndexOf(wins, wins.Max())];
    }

    /// <summary>A column's values as instants (null where empty or unreadable), read in the form they settle.</summary>
    private static List<DateTime?> Instants(IEnumerable<string> cells)
    {
        var values = cells.ToList();
        var detected = DateForms.Detect(values);
        var form = detected.Settled ?? (detected.Fits.Count > 0 ? detected.Fits[0] : DateForm.Iso);
        var parser = new CellParser(TimeZoneInfo.Utc, ',', form);
        return values
            .Select(v => string.IsNullOrWhiteSpace(v) ? null
                : parser.Parse(ColumnType.Timestamp, v, out _) as DateTime?)
            .ToList();
    }
}
