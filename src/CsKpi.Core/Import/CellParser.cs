using System.Globalization;
using System.Text.RegularExpressions;
using CsKpi.Core.Model;

namespace CsKpi.Core.Import;

/// <summary>
/// Turns cells into values (csv-formats.md): ISO 8601 timestamps with an offset or Z, else read in the
/// organisation's time zone; dates yyyy-MM-dd; booleans true/false/1/0/yes/no; decimals with '.', or ',' in a
/// ';' file. A failed parse returns the reason shown to the admin.
/// </summary>
public sealed partial class CellParser(TimeZoneInfo timeZone, char delimiter)
{
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    [GeneratedRegex(@"(Z|[+-]\d{2}(:?\d{2})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetSuffix();

    public object? Parse(ColumnType type, string cell, out string? error)
    {
        error = null;
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
                error = "not a timestamp (use ISO 8601, e.g. 2026-03-01T09:15:00+01:00)";
                return null;
            case ColumnType.Date:
                if (DateOnly.TryParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    return date;
                error = "not a date (use yyyy-MM-dd)";
                return null;
            case ColumnType.Channel:
                if (Channels.TryParse(cell, out var channel))
                    return channel.Code();
                error = $"unknown channel (use {string.Join(", ", Channels.All.Select(c => c.Code()))})";
                return null;
            case ColumnType.SurveyKind:
                if (SurveyKinds.TryParse(cell, out var kind))
                    return kind.Code();
                error = $"unknown survey kind (use {string.Join(", ", SurveyKinds.All.Select(k => k.Code()))})";
                return null;
            case ColumnType.Boolean:
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
                if (int.TryParse(cell.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                    return integer;
                error = "not a whole number";
                return null;
        }
        throw new ArgumentOutOfRangeException(nameof(type));
    }

    private bool TryTimestamp(string cell, out DateTime utc)
    {
        var text = cell.Trim();
        if (OffsetSuffix().IsMatch(text) && text.Length > 10)
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
            {
                utc = withOffset.UtcDateTime;
                return true;
            }
        }
        else if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            while (timeZone.IsInvalidTime(local))
                local = local.AddMinutes(30); // a local time inside a daylight-saving gap
            utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), timeZone);
            return true;
        }
        utc = default;
        return false;
    }

    private bool TryDecimal(string cell, out decimal value)
    {
        var text = cell.Trim();
        if (delimiter == ';')
            text = text.Replace(',', '.');
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }
}
