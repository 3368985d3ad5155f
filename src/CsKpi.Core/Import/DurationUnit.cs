using System.Globalization;
using System.Text.RegularExpressions;
using CsKpi.Core.Model;

namespace CsKpi.Core.Import;

/// <summary>
/// How an export writes a time as a duration after <c>created_at</c> (csv-formats.md "Exports from other tools"):
/// "first response minutes" 261.3 gives <c>first_response_at</c> = <c>created_at</c> + 261.3 min.
/// </summary>
public enum DurationUnit
{
    /// <summary>A number of seconds, whole or decimal.</summary>
    Seconds,
    /// <summary>A number of minutes, whole or decimal.</summary>
    Minutes,
    /// <summary>A number of hours, whole or decimal.</summary>
    Hours,
    /// <summary>hh:mm or hh:mm:ss (hours may pass 24), seconds with a fraction if any.</summary>
    Clock,
}

/// <summary>Which columns may be durations, the units' codes, and reading a duration cell exactly.</summary>
public static partial class DurationUnits
{
    /// <summary>The longest duration read: a century (a longer one is a wrong column or unit).</summary>
    private const decimal MaxSeconds = 100m * 366 * 24 * 3600;

    /// <summary>Whether a canonical column may come from a duration after created_at.</summary>
    public static bool Takes(ImportKind kind, string column) =>
        kind == ImportKind.Tickets && column is "first_response_at" or "resolved_at";

    /// <summary>The code of a unit, as in a mapping's JSON and the mapping step's form.</summary>
    public static string Code(this DurationUnit unit) => unit switch
    {
        DurationUnit.Seconds => "seconds",
        DurationUnit.Minutes => "minutes",
        DurationUnit.Hours => "hours",
        DurationUnit.Clock => "clock",
    };

    public static bool TryParse(string? code, out DurationUnit unit) =>
        Codes.TryFind(Enum.GetValues<DurationUnit>(), Code, code, out unit);

    /// <summary>Whether a cell reads as a duration in some unit: a number, or hh:mm[:ss].</summary>
    public static bool LooksLikeDuration(string cell)
    {
        var text = cell.Trim();
        return ClockShape().IsMatch(text) || decimal.TryParse(text.Replace(',', '.'),
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
    }

    /// <summary>
    /// A duration cell as ticks, exact to the microsecond (PostgreSQL's timestamptz): decimal arithmetic, so 261.3
    /// minutes are 15,678 seconds exactly. Decimals with '.', or ',' in a ';' file; null with the reason when the cell
    /// is not a duration in <paramref name="unit"/>, is negative (before created_at) or over a century.
    /// </summary>
    internal static long? Ticks(DurationUnit unit, string cell, char delimiter, out string? error)
    {
        error = null;
        var text = cell.Trim();
        decimal seconds;
        if (unit == DurationUnit.Clock)
        {
            var clock = ClockShape().Match(text);
            if (!clock.Success)
            {
                error = "not a duration hh:mm or hh:mm:ss";
                return null;
            }
            seconds = decimal.Parse(clock.Groups["h"].Value, CultureInfo.InvariantCulture) * 3600
                + int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture) * 60
                + (clock.Groups["s"].Success
                    ? decimal.Parse(clock.Groups["s"].Value.Replace(',', '.'), CultureInfo.InvariantCulture) : 0);
            if (clock.Groups["minus"].Success)
                seconds = -seconds;
        }
        else
        {
            if (delimiter == ';')
                text = text.Replace(',', '.');
            if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out var number))
            {
                error = NotANumber(unit);
                return null;
            }
            seconds = number * unit switch
            {
                DurationUnit.Hours => 3600,
                DurationUnit.Minutes => 60,
                _ => 1,
            };
        }
        if (seconds < 0)
        {
            error = "a negative duration: it would come before created_at";
            return null;
        }
        if (seconds > MaxSeconds)
        {
            error = "a duration over a century: check the column and its unit";
            return null;
        }
        var microseconds = (long)Math.Round(seconds * 1_000_000m, MidpointRounding.AwayFromZero);
        return microseconds * TimeSpan.TicksPerMicrosecond;
    }

    private static string NotANumber(DurationUnit unit)
    {
        string error;
        if (unit == DurationUnit.Hours)
            error = "not a number of hours";
        else if (unit == DurationUnit.Minutes)
            error = "not a number of minutes";
        else
            error = "not a number of seconds";
        return error;
    }

    [GeneratedRegex(@"^(?<minus>-)?(?<h>\d{1,7}):(?<m>[0-5]\d)(:(?<s>[0-5]\d([.,]\d{1,6})?))?$")]
    private static partial Regex ClockShape();
}
