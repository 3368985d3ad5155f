namespace CsKpi.Core.Import;

/// <summary>A column of the file, its header and the first values under it, for the admin's mapping step.</summary>
public sealed record FilePreview(char Delimiter, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// Proposes which header of an export from another tool holds each canonical column, from header similarity
/// (same name once normalised; one name containing the other; else edit distance), so that the admin only corrects
/// what is wrong.
/// </summary>
public static class ColumnMatcher
{
    /// <summary>The header line and up to <paramref name="rows"/> records, read from the start of the stream.</summary>
    public static FilePreview Preview(Stream file, int rows = 5)
    {
        using var text = new StreamReader(file, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var header = text.ReadLine() ?? "";
        var delimiter = CsvImporter.DetectDelimiter(header);
        var headers = new List<string>();
        new CsvRecordReader(new StringReader(header), delimiter).Read(headers);
        var records = new List<IReadOnlyList<string>>();
        var reader = new CsvRecordReader(text, delimiter, firstLine: 2);
        var fields = new List<string>();
        try
        {
            while (records.Count < rows && reader.Read(fields))
                records.Add(fields.ToList());
        }
        catch (CsvFormatException)
        {
            // A preview shows what it could read; the import reports the problem with its line.
        }
        return new FilePreview(delimiter, headers.Select(h => h.Trim()).ToList(), records);
    }

    /// <summary>Canonical column → the best-matching header (or null), each header used at most once.</summary>
    public static IReadOnlyDictionary<string, string?> Propose(ImportKind kind, IReadOnlyList<string> headers)
    {
        var candidates = kind.Columns()
            .SelectMany(c => headers.Select(h => (Column: c.Name, Header: h, Score: Similarity(c.Name, h))))
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

    /// <summary>True when every required column is found by its own name: no mapping step needed.</summary>
    public static bool MatchesCanonically(ImportKind kind, IReadOnlyList<string> headers)
    {
        var normalized = headers.Select(ImportKinds.NormalizeHeader).ToHashSet();
        return kind.Columns().Where(c => c.Required).All(c => normalized.Contains(c.Name));
    }

    /// <summary>0…1: 1 for the same normalised name, 0.8 when one contains the other, else 1 − edit distance / length.</summary>
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
        if (compactA.Contains(compactB, StringComparison.Ordinal) || compactB.Contains(compactA, StringComparison.Ordinal))
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
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
