using System.Globalization;
using System.Text.RegularExpressions;
using CsKpi.Core.Model;

namespace CsKpi.Core.Import;

/// <summary>
/// Turns cells into values (csv-formats.md): ISO 8601 timestamps with an offset or Z, else read in the
/// organisation's time zone; dates yyyy-MM-dd; booleans true/false/1/0/yes/no; decimals with '.', or ',' in a
/// ';' file. A mapped export may write its dates in another <see cref="DateForm"/>, decided for the file; ISO 8601
/// is still read then. A channel must be one of the organisation's (<paramref name="channels"/>, the defaults when not
/// given). A failed parse returns the reason shown to the admin.
/// </summary>
public sealed partial class CellParser(TimeZoneInfo timeZone, char delimiter, DateForm dates = DateForm.Iso,
    IReadOnlyList<string>? channels = null)
{
    private static readonly CellParser Contract = new(TimeZoneInfo.Utc, ',');

    /// <summary>Whether the contract's own parser reads the text as a timestamp or a date (ISO 8601).</summary>
    public static bool IsIsoTimestamp(string text) => Contract.TryTimestamp(text, out _);

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    [GeneratedRegex(@"(Z|[+-]\d{2}(:?\d{2})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetSuffix();

    private static readonly string[] ClockFormats = [@"h\:mm\:ss", @"hh\:mm\:ss"];
    private static readonly object True = true;
    private static readonly object False = false;
    private readonly string[] _channelCodes = [.. channels ?? Channels.Defaults.Select(c => c.Code())];
    private string ChannelChoices => string.Join(", ", _channelCodes);

    /// <summary>As <see cref="Parse(ColumnType, string, out string?, out string?)"/>, the argument filled in.</summary>
    public object? Parse(ColumnType type, string cell, out string? error)
    {
        var value = Parse(type, cell, out error, out var argument);
        if (error is not null && argument is not null)
            error = string.Format(CultureInfo.InvariantCulture, error, argument);
        return value;
    }

    /// <param name="error">A fixed text; <c>{0}</c> in it stands for <paramref name="argument"/> (ImportError).</param>
    public object? Parse(ColumnType type, string cell, out string? error, out string? argument)
    {
        error = null;
        argument = null;
        switch (type)
        {
            case ColumnType.Id:
                if (cell.Length > 64)
                    error = "an id is at most 64 characters";
                return cell;
            case ColumnType.Text:
                return cell;
            case ColumnType.Timestamp:
                if (TryTimestamp(cell, out var utc))
                    return utc;
                if (DateForms.TryRead(dates, cell, out var wallClock))
                    return ToUtc(wallClock);
                error = dates == DateForm.Iso
                    ? "not a timestamp (use ISO 8601, e.g. 2026-03-01T09:15:00+01:00)"
                    : dates.Mismatch();
                return null;
            case ColumnType.Date:
                if (DateOnly.TryParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                        out var date))
                    return date;
                if (DateForms.TryRead(dates, cell, out var day))
                    return DateOnly.FromDateTime(day);
                error = dates == DateForm.Iso ? "not a date (use yyyy-MM-dd)" : dates.Mismatch();
                return null;
            case ColumnType.Channel:
                if (KnownCode(cell, _channelCodes) is { } code)
                    return code;
                if (Channels.TryParse(cell, out var channel) && KnownCode(channel.Code(), _channelCodes) is { } listed)
                    return listed;
                error = "unknown channel (use {0})";
                argument = ChannelChoices;
                return null;
            case ColumnType.SurveyKind:
                if (SurveyKinds.TryParse(cell, out var kind))
                    return kind.Code();
                error = $"unknown survey kind (use {string.Join(", ", SurveyKinds.All.Select(k => k.Code()))})";
                return null;
            case ColumnType.Priority:
                if (TicketPriorities.TryParse(cell, out var priority))
                    return priority.Code();
                error = $"unknown priority (use {string.Join(", ", TicketPriorities.All.Select(p => p.Code()))})";
                return null;
            case ColumnType.Boolean:
                switch (cell)
                {
                    case "true" or "1" or "yes":
                        return True;
                    case "false" or "0" or "no":
                        return False;
                }
                switch (cell.Trim().ToLowerInvariant())
                {
                    case "true" or "1" or "yes":
                        return true;
                    case "false" or "0" or "no":
                        return false;
                }
                error = "not a boolean (use true/false, 1/0 or yes/no)";
                return null;
            case ColumnType.Seconds:
                if (TimeSpan.TryParseExact(cell.Trim(), ClockFormats, CultureInfo.InvariantCulture, out var clock))
                    return (int)clock.TotalSeconds; // a call system's talk time, 00:03:21
                if (TryDecimal(cell, out var seconds))
                {
                    if (seconds < 0)
                    {
                        error = "seconds cannot be negative";
                        return null;
                    }
                    if (seconds > int.MaxValue)
                    {
                        error = "too many seconds";
                        return null;
                    }
                    return (int)Math.Round(seconds, MidpointRounding.AwayFromZero);
                }
                error = "not a number of seconds";
                return null;
            case ColumnType.WholeNumber:
                if (TryWholeNumber(cell, out var integer))
                    return integer;
                error = "not a whole number";
                return null;
        }
        throw new ArgumentOutOfRangeException(nameof(type));
    }

    /// <summary>A duration after created_at as ticks (whole microseconds); decimals as this file writes them.</summary>
    public long? Duration(DurationUnit unit, string cell, out string? error) =>
        DurationUnits.Ticks(unit, cell, delimiter, out error);

    /// <summary>
    /// A whole number, also written as a decimal with nothing after the separator but zeros: <c>4.0</c> and
    /// <c>4,0</c> read as 4 whatever the file's delimiter (csv-formats.md: a score written as a decimal); 4.5 does not.
    /// </summary>
    public static bool TryWholeNumber(string cell, out int value)
    {
        var text = cell.Trim();
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            return true;
        if (decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var number)
            && number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)number;
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>The code itself when the cell is written exactly as one (the usual case), not normalised.</summary>
    private static string? KnownCode(string cell, string[] codes)
    {
        foreach (var code in codes)
        {
            if (string.Equals(cell, code, StringComparison.Ordinal))
                return code;
        }
        return null;
    }

    private bool TryTimestamp(string cell, out DateTime utc)
    {
        if (TryIsoTimestamp(cell, out utc))
            return true;
        var text = cell.Trim();
        if (OffsetSuffix().IsMatch(text) && text.Length > 10)
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
            {
                utc = withOffset.UtcDateTime;
                return true;
            }
        }
        else if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None,
                     out var local))
        {
            utc = ToUtc(local);
            return true;
        }
        utc = default;
        return false;
    }

    /// <summary>A wall-clock time in the organisation's time zone, as UTC.</summary>
    private DateTime ToUtc(DateTime local)
    {
        while (timeZone.IsInvalidTime(local))
            local = local.AddMinutes(30); // a local time inside a daylight-saving gap
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), timeZone);
    }


    /// <summary>
    /// The common shape, read without the general parsers (a million rows have three timestamps each):
    /// <c>yyyy-MM-ddTHH:mm:ss</c> (or a space for T), optional fraction of up to 7 digits, then Z, ±hh:mm or nothing
    /// (local time). Anything else — or any out-of-range part — is left to the general path, which decides.
    /// </summary>
    private bool TryIsoTimestamp(string text, out DateTime utc)
    {
        utc = default;
        var s = text.AsSpan();
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':'
            || s[16] != ':'
            || !TwoDigits(s, 0, out var century) || !TwoDigits(s, 2, out var yearOfCentury)
            || !TwoDigits(s, 5, out var month) || !TwoDigits(s, 8, out var day) || !TwoDigits(s, 11, out var hour)
            || !TwoDigits(s, 14, out var minute) || !TwoDigits(s, 17, out var second))
            return false;
        var year = century * 100 + yearOfCentury;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23
            || minute > 59 || second > 59)
            return false;
        var position = 19;
        long fraction = 0;
        if (position < s.Length && s[position] == '.')
        {
            var digits = 0;
            for (position++; position < s.Length && char.IsAsciiDigit(s[position]); position++, digits++)
            {
                if (digits == 7)
                    return false;
                fraction = fraction * 10 + (s[position] - '0');
            }
            if (digits == 0)
                return false;
            for (; digits < 7; digits++)
                fraction *= 10;
        }
        var wallClock = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified)
            .AddTicks(fraction);
        var rest = s[position..];
        if (rest.Length == 0)
        {
            if (timeZone.IsInvalidTime(wallClock))
                return false; // a daylight-saving gap: the general path moves it
            utc = TimeZoneInfo.ConvertTimeToUtc(wallClock, timeZone);
            return true;
        }
        if (rest.Length == 1 && rest[0] is 'Z' or 'z')
        {
            utc = DateTime.SpecifyKind(wallClock, DateTimeKind.Utc);
            return true;
        }
        if (rest.Length == 6 && rest[0] is '+' or '-' && rest[3] == ':' && TwoDigits(rest, 1, out var offsetHours)
            && TwoDigits(rest, 4, out var offsetMinutes)
            && offsetMinutes < 60 && offsetHours * 60 + offsetMinutes <= 14 * 60)
        {
            var offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            var ticks = wallClock.Ticks - (rest[0] == '+' ? offset.Ticks : -offset.Ticks);
            if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
                return false;
            utc = new DateTime(ticks, DateTimeKind.Utc);
            return true;
        }
        return false;
    }

    private static bool TwoDigits(ReadOnlySpan<char> s, int at, out int value)
    {
        value = 0;
        if (!char.IsAsciiDigit(s[at]) || !char.IsAsciiDigit(s[at + 1]))
            return false;
        value = (s[at] - '0') * 10 + (s[at + 1] - '0');
        return true;
    }

    private bool TryDecimal(string cell, out decimal value)
    {
        var text = cell.Trim();
        if (delimiter == ';')
            text = text.Replace(',', '.');
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out value);
    }
}
