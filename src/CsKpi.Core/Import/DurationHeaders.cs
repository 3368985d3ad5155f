namespace CsKpi.Core.Import;

/// <summary>
/// What a header tells of a duration column (Zendesk's "First reply time in minutes", Freshdesk's "Resolution time
/// (in hrs)", <c>frt_min</c>): whether it is a first response or resolution time, and in which unit. The proposal
/// maps such a column with its unit, never as a timestamp; a number whose header names no unit is left for the admin
/// to say.
/// </summary>
public static class DurationHeaders
{
    private static readonly (DurationUnit Unit, string[] Words)[] UnitWords =
    [
        (DurationUnit.Seconds, ["s", "sec", "secs", "second", "seconds"]),
        (DurationUnit.Minutes, ["min", "mins", "minute", "minutes"]),
        (DurationUnit.Hours, ["h", "hr", "hrs", "hour", "hours"]),
        (DurationUnit.Clock, ["hh", "hhmm", "hhmmss"]),
    ];

    /// <summary>Starts of a header's words naming what the duration runs to.</summary>
    private static readonly Dictionary<string, string[]> TargetWords = new()
    {
        ["first_response_at"] = ["reply", "respon", "frt"],
        ["resolved_at"] = ["resol", "solv", "clos", "ttr"],
    };

    private static readonly string[] TimeWords = ["time", "duration", "frt", "ttr"];

    /// <summary>Calendar time is what created_at + duration means: time counted in business hours, an SLA's
    /// difference or an average is not.</summary>
    private static readonly string[] OtherTimes = ["business", "working", "office", "diff", "sla", "avg", "average"];

    /// <summary>The unit a header names (the first unit word, "in minutes within business hours" is minutes), or
    /// null.</summary>
    public static DurationUnit? Named(string header)
    {
        foreach (var word in Words(header))
        {
            foreach (var (unit, words) in UnitWords)
            {
                if (words.Contains(word))
                    return unit;
            }
        }
        return null;
    }

    /// <summary>
    /// How well a column of durations (numbers, hh:mm:ss) fits <paramref name="column"/>: null unless the header names
    /// its target (a first reply, a resolution) and a time or unit in calendar time; a little below 0 otherwise, so
    /// that a timestamp of the same name wins.
    /// </summary>
    internal static double? Fit(ImportKind kind, string column, string header, ColumnProfile profile)
    {
        if (!DurationUnits.Takes(kind, column) || profile.Kind is not (ValueKind.Number or ValueKind.Duration))
            return null;
        var words = Words(header);
        var named = words.Any(w => TargetWords[column].Any(t => w.StartsWith(t, StringComparison.Ordinal)));
        var timed = Named(header) is not null || words.Any(w => TimeWords.Contains(w));
        return named && timed && !words.Any(w => OtherTimes.Contains(w)) ? -0.05 : null;
    }

    /// <summary>
    /// The unit of a proposed first response or resolution column: none for timestamps; hh:mm:ss when the values are
    /// written so (whatever the header says); else the header's unit, or null for the admin to choose.
    /// </summary>
    public static DurationUnit? Propose(string header, ColumnProfile profile) => profile.Kind switch
    {
        ValueKind.Duration => DurationUnit.Clock,
        ValueKind.Number or ValueKind.Empty => Named(header),
        _ => null,
    };

    /// <summary>A header's words, lower case: "FirstReplyMinutes" as three, "agent's" as "agent" (an 's' alone
    /// would read as seconds).</summary>
    private static List<string> Words(string header)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < header.Length; i++)
        {
            var c = header[i];
            if (c is '\'' or '\u2019' && i + 1 < header.Length && header[i + 1] is 's' or 'S')
                i++;
            else if (char.IsLetter(c))
            {
                if (i > 0 && char.IsUpper(c) && char.IsLower(header[i - 1]))
                    text.Append(' ');
                text.Append(char.ToLowerInvariant(c));
            }
            else
                text.Append(' ');
        }
        return [.. text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }
}
