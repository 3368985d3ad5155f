using System.Globalization;
using System.Text.RegularExpressions;

namespace CsKpi.Core.Import;

/// <summary>What a column of a file holds, told from a sample of its values (before it is mapped).</summary>
public enum ValueKind
{
    /// <summary>No value in the sample: only the header can tell.</summary>
    Empty,
    /// <summary>Short codes without spaces, mostly with digits or an @ (12345, ACC-0042, jane@example.com).</summary>
    Id,
    Timestamp,
    Date,
    /// <summary>hh:mm or hh:mm:ss.</summary>
    Duration,
    Number,
    /// <summary>true/false, yes/no, y/n.</summary>
    Boolean,
    /// <summary>Sentences: remarks, descriptions, open answers.</summary>
    FreeText,
    /// <summary>Words from a short list, or names (Email, Phone; Jane Smith).</summary>
    Category,
}

/// <summary>A column's kind of values, and the facts the proposal weighs besides it.</summary>
/// <param name="Whole">Every number is whole (<c>4</c>, <c>4.0</c>).</param>
/// <param name="Binary">Every number is 0 or 1.</param>
/// <param name="Min">The smallest number (numbers only).</param>
/// <param name="Max">The largest number (numbers only).</param>
/// <param name="Channels">Most values name a channel (<c>Email</c>, <c>Phone call (incoming)</c>).</param>
public sealed partial record ColumnProfile(
    ValueKind Kind, bool Whole, bool Binary, decimal Min, decimal Max, bool Channels)
{
    public static readonly ColumnProfile Unknown = new(ValueKind.Empty, false, false, 0, 0, false);

    /// <summary>Classifies the non-empty values of a column.</summary>
    public static ColumnProfile Of(IEnumerable<string> cells)
    {
        var values = cells.Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        if (values.Count == 0)
            return Unknown;
        var channels = values.Count(v => ColumnMatcher.ProposeValue(ColumnType.Channel, v) is not null) * 2
            >= values.Count;
        if (values.All(v => BooleanWords.Contains(v)))
            return new(ValueKind.Boolean, false, false, 0, 0, false);
        if (values.All(v => DurationShape().IsMatch(v)))
            return new(ValueKind.Duration, false, false, 0, 0, false);
        var numbers = values.Select(Number).ToList();
        if (numbers.All(n => n is not null))
        {
            var all = numbers.Select(n => n!.Value).ToList();
            return new(ValueKind.Number, all.All(n => n == decimal.Truncate(n)), all.All(n => n is 0 or 1), all.Min(),
                all.Max(), false);
        }
        var dates = DateForms.Detect(values);
        if (dates.Fits.Count > 0)
        {
            var timed = values.Any(v => v.Contains(':', StringComparison.Ordinal));
            return new(timed ? ValueKind.Timestamp : ValueKind.Date, false, false, 0, 0, false);
        }
        var words = values.Select(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length).ToList();
        if (words.Max() >= 6 || words.Average() >= 3)
            return new(ValueKind.FreeText, false, false, 0, 0, channels);
        var coded = values.Count(v => v.Any(char.IsAsciiDigit) || v.Contains('@', StringComparison.Ordinal));
        if (words.All(w => w == 1) && coded * 2 >= values.Count)
            return new(ValueKind.Id, false, false, 0, 0, channels);
        return new(ValueKind.Category, false, false, 0, 0, channels);
    }

    /// <summary>
    /// Whether a canonical column can be read from a column like this: null when it cannot (a free-text column for an
    /// id, a true/false column for a timestamp, a date for a survey kind), a small bonus when the values are just what
    /// it holds (an id column for an id, channel names for a channel), else 0.
    /// </summary>
    public double? Fit(ImportColumn column)
    {
        const double Best = 0.04;
        if (Kind == ValueKind.Empty)
            return 0;
        return column.Type switch
        {
            ColumnType.Id => Kind == ValueKind.Id || Kind == ValueKind.Number && Whole ? Best
                : Kind == ValueKind.Category ? 0 : null,
            ColumnType.Timestamp => Kind == ValueKind.Timestamp ? Best : Kind == ValueKind.Date ? 0 : null,
            ColumnType.Date => Kind == ValueKind.Date ? Best : Kind == ValueKind.Timestamp ? 0 : null,
            // Channel names decide between two "type" columns: the kind of contact, not of request.
            ColumnType.Channel => Kind is ValueKind.Category or ValueKind.Id ? (Channels ? 2 * Best : 0) : null,
            ColumnType.SurveyKind => Kind is ValueKind.Category or ValueKind.FreeText or ValueKind.Id ? 0 : null,
            ColumnType.Priority => Kind == ValueKind.Category ? Best : Kind == ValueKind.Id ? 0 : null,
            ColumnType.Boolean => Kind == ValueKind.Boolean ? Best : Kind == ValueKind.Number && Binary ? 0 : null,
            ColumnType.Seconds => Kind == ValueKind.Number && Min >= 0 ? Best : Kind == ValueKind.Duration ? 0 : null,
            ColumnType.WholeNumber => Kind == ValueKind.Number && Whole && Min >= 0 ? Best
                : Kind == ValueKind.Category ? 0 : null,
            ColumnType.Text => Kind is ValueKind.Category or ValueKind.FreeText or ValueKind.Id
                ? (Kind == ValueKind.FreeText) == (column.Name == "comment") ? Best : 0
                : null,
        };
    }

    /// <summary>A number written with '.' or ',' as decimal separator, or null.</summary>
    private static decimal? Number(string text) =>
        decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out var value) ? value : null;

    private static readonly HashSet<string> BooleanWords =
        new(["true", "false", "yes", "no", "y", "n"], StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"^\d{1,3}:[0-5]\d(:[0-5]\d)?$")]
    private static partial Regex DurationShape();
}
