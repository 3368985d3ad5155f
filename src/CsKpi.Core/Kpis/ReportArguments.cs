using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis;

/// <summary>A period, filter or grouping given as text that does not make sense, with the reason.</summary>
public sealed class ReportArgumentException(string message) : Exception(message);

/// <summary>
/// Period, filters and grouping from text, as the command line and the JSON API take them. Unknown names are
/// errors, not a silent "no data".
/// </summary>
public static class ReportArguments
{
    public static async Task<(ReportPeriod Period, KpiFilters Filters)> ParseAsync(
        KpiDbContext db, string? from, string? to, string? team, string? agent, string? channel, string? category,
        TimeZoneInfo timeZone, CancellationToken cancellationToken = default)
    {
        var start = ParseBound(from, "from");
        var end = ParseBound(to, "to");
        if (end <= start)
            throw new ReportArgumentException("to must be after from (the period is [from, to)).");

        Channel? parsedChannel = null;
        if (!string.IsNullOrWhiteSpace(channel))
        {
            var channels = await ChannelList.LoadAsync(db, cancellationToken);
            parsedChannel = channels.Find(channel) ?? throw new ReportArgumentException(
                $"Unknown channel '{channel}': use one of {string.Join(", ", channels.Codes)}.");
        }
        team = string.IsNullOrWhiteSpace(team) ? null : team;
        if (team is not null && !await db.Teams.AnyAsync(t => t.Name == team, cancellationToken))
            throw new ReportArgumentException($"Unknown team '{team}'.");
        agent = string.IsNullOrWhiteSpace(agent) ? null : agent;
        if (agent is not null && !await db.Agents.AnyAsync(a => a.SourceId == agent, cancellationToken))
            throw new ReportArgumentException($"Unknown agent '{agent}'.");
        category = string.IsNullOrWhiteSpace(category) ? null : category;
        return (new ReportPeriod(start, end, timeZone), new KpiFilters(team, agent, parsedChannel, category));
    }

    /// <summary>A grouping code (day, week, month, team, agent, channel, category), or null for none.</summary>
    public static Grouping? ParseGrouping(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : Groupings.TryParse(text, out var grouping) ? grouping
        : throw new ReportArgumentException($"Unknown grouping '{text}': use one of "
            + $"{string.Join(", ", Enum.GetValues<Grouping>().Select(g => g.Code()))}.");

    /// <summary>The report within <paramref name="bounds"/>, else a ReportArgumentException saying why.</summary>
    public static void CheckBounds(ReportPeriod period, Grouping? grouping, ReportBounds bounds)
    {
        if (bounds.Check(period, grouping) is { } problem)
            throw new ReportArgumentException(problem.ToString());
    }

    private static DateTime ParseBound(string? text, string name) =>
        text is not null && ReportPeriod.TryParseBound(text, out var local) ? local
        : throw new ReportArgumentException(
            $"{name} '{text}' is not a date (yyyy-MM-dd) or local timestamp (yyyy-MM-ddTHH:mm).");
}
