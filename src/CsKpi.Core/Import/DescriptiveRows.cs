namespace CsKpi.Core.Import;

/// <summary>
/// Rows right under the header that describe the columns rather than hold records: a survey tool's question texts
/// and import ids (Qualtrics writes two such rows, SurveyMonkey one). A leading row is one when, in the columns whose
/// values below it are numbers, times, dates or true/false, it has something and none of it reads so.
/// </summary>
public static class DescriptiveRows
{
    /// <summary>At most this many rows are taken for descriptions.</summary>
    public const int Max = 3;

    /// <summary>How many of the sample's first rows describe the columns (0 for most files).</summary>
    public static int Count(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        // Compared with the rows below any that could be descriptions (two descriptions compared with each other
        // would not tell).
        var records = rows.Skip(rows.Count > Max ? Max : 1).Take(100).ToList();
        var count = 0;
        while (count < Max && rows.Count > count + 1 && Describes(rows[count], records))
            count++;
        return count;
    }

    private static bool Describes(IReadOnlyList<string> row, List<IReadOnlyList<string>> below)
    {
        var typed = 0;
        for (var column = 0; column < row.Count; column++)
        {
            var kind = ColumnProfile.Of(below.Select(r => column < r.Count ? r[column] : "")).Kind;
            if (kind is not (ValueKind.Number or ValueKind.Timestamp or ValueKind.Date or ValueKind.Boolean))
                continue;
            if (row[column].Trim().Length == 0)
                continue;
            if (ColumnProfile.Of([row[column]]).Kind == kind)
                return false; // reads like the records below it: a record itself
            typed++;
        }
        return typed > 0;
    }
}
