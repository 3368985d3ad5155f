using System.Globalization;
using CsKpi.Core.Model;

namespace CsKpi.Core.Import;

/// <summary>
/// How an export writes its dates when not in ISO 8601. Exports from help desks and survey tools use their
/// country's order (<c>25/07/2023</c> or <c>07/25/2023</c>), month names (<c>25-Jul-23</c>), 12-hour clocks; the
/// order is decided from the values, never assumed.
/// </summary>
public enum DateForm
{
    /// <summary>ISO 8601, the contract's form (csv-formats.md).</summary>
    Iso,
    /// <summary>Day, month, year: 25/07/2023, 25.07.2023 14:30, 25-Jul-23, 25 July 2023.</summary>
    DayFirst,
    /// <summary>Month, day, year: 07/25/2023 2:30 PM, Jul 25, 2023.</summary>
    MonthFirst,
    /// <summary>Year, month, day with slashes or dots: 2023/07/25 14:30.</summary>
    YearFirst,
}

/// <summary>What the values of a file's date columns allow.</summary>
/// <param name="Fits">Every form that reads all the values (in <see cref="DateForm"/> order).</param>
/// <param name="Values">How many non-empty values were looked at.</param>
public sealed record DateDetection(IReadOnlyList<DateForm> Fits, int Values)
{
    /// <summary>The one form the values settle, or null when none fits or several do.</summary>
    public DateForm? Settled => Fits.Contains(DateForm.Iso) ? DateForm.Iso : Fits.Count == 1 ? Fits[0] : null;

    /// <summary>Day-first and month-first both read every value (no day above 12): the admin must say which.</summary>
    public bool Ambiguous => Settled is null && Fits.Count > 1;
}

public static class DateForms
{
    private static readonly string[] Times =
        ["", " H:mm", " H:mm:ss", " HH:mm", " HH:mm:ss", " h:mm tt", " h:mm:ss tt", "'T'HH:mm", "'T'HH:mm:ss", ", H:mm",
            ", h:mm tt"];

    private static readonly string[] DayFirstDates =
    [
        "d/M/yyyy", "d.M.yyyy", "d-M-yyyy", "d/M/yy", "d.M.yy", "d-M-yy",
        "d-MMM-yy", "d-MMM-yyyy", "d MMM yyyy", "d MMMM yyyy", "d MMM yy", "d/MMM/yyyy", "dd-MMM-yy",
    ];

    private static readonly string[] MonthFirstDates =
        ["M/d/yyyy", "M.d.yyyy", "M-d-yyyy", "M/d/yy", "M-d-yy", "MMM d, yyyy", "MMMM d, yyyy", "MMM d yyyy",
            "MMM-d-yyyy"];

    private static readonly string[] YearFirstDates = ["yyyy/M/d", "yyyy.M.d"];

    private static readonly Dictionary<DateForm, string[]> Formats = new()
    {
        [DateForm.DayFirst] = WithTimes(DayFirstDates),
        [DateForm.MonthFirst] = WithTimes(MonthFirstDates),
        [DateForm.YearFirst] = WithTimes(YearFirstDates),
    };

    private static string[] WithTimes(string[] dates) => dates.SelectMany(d => Times.Select(t => d + t)).ToArray();

    /// <summary>The code of a form, as saved in a mapping and given on the command line.</summary>
    public static string Code(this DateForm form) => form switch
    {
        DateForm.Iso => "iso",
        DateForm.DayFirst => "day-first",
        DateForm.MonthFirst => "month-first",
        DateForm.YearFirst => "year-first",
    };

    public static bool TryParse(string? code, out DateForm form) =>
        Codes.TryFind(Enum.GetValues<DateForm>(), Code, code, out form);

    /// <summary>An example of the form, for the admin's choice.</summary>
    public static string Example(this DateForm form) => form switch
    {
        DateForm.Iso => "2023-07-25T14:30:00",
        DateForm.DayFirst => "25/07/2023 14:30",
        DateForm.MonthFirst => "07/25/2023 2:30 PM",
        DateForm.YearFirst => "2023/07/25 14:30",
    };

    /// <summary>The reason a value does not read in the form chosen for its file.</summary>
    public static string Mismatch(this DateForm form) => form switch
    {
        DateForm.DayFirst => "not a date in this file's day/month/year form (e.g. 25/07/2023 14:30)",
        DateForm.MonthFirst => "not a date in this file's month/day/year form (e.g. 07/25/2023 2:30 PM)",
        DateForm.YearFirst => "not a date in this file's year/month/day form (e.g. 2023/07/25 14:30)",
        DateForm.Iso => "not a timestamp (use ISO 8601, e.g. 2026-03-01T09:15:00+01:00)",
    };

    /// <summary>Reads a wall-clock date and time written in <paramref name="form"/> (English month names); ISO is left
    /// to the contract's parser.</summary>
    public static bool TryRead(DateForm form, string text, out DateTime wallClock)
    {
        wallClock = default;
        return form != DateForm.Iso
            && DateTime.TryParseExact(text.Trim(), Formats[form], CultureInfo.InvariantCulture,
                DateTimeStyles.AllowInnerWhite, out wallClock);
    }

    /// <summary>Which forms read every one of the values (empty ones skipped).</summary>
    public static DateDetection Detect(IEnumerable<string> values)
    {
        var fits = Enum.GetValues<DateForm>().ToHashSet();
        var count = 0;
        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value))
                continue;
            count++;
            fits.RemoveWhere(form => !(form == DateForm.Iso ? CellParser.IsIsoTimestamp(value) : TryRead(form, value,
                out _)));
            if (fits.Count == 0)
                break;
        }
        return new DateDetection(count == 0 ? [DateForm.Iso] : Enum.GetValues<DateForm>().Where(fits.Contains).ToList(),
            count);
    }
}
