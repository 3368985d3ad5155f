using System.Text.RegularExpressions;

namespace CsKpi.Core.Kpis;

/// <summary>
/// CSV cells for every export (reports, breakdowns, records, import errors): quoted when needed, and text that a
/// spreadsheet would run as a formula defused with a leading <c>'</c> (OWASP: cells starting with = + - @ TAB CR).
/// A number as the app writes it (<c>-12.5</c>, <c>1E-05</c>) stays a number: it cannot run anything, and
/// spreadsheets must still read it as a number (docs/decisions.md, "CSV exports").
/// </summary>
public static partial class Csv
{
    public static string Escape(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !PlainNumber().IsMatch(value))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r', ';']) >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    /// <summary>A number in the invariant form the exports write, nothing around it.</summary>
    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?(E[+-]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();
}
