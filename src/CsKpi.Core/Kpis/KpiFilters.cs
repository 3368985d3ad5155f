using System.Linq.Expressions;
using CsKpi.Core.Data;
using CsKpi.Core.Model;

namespace CsKpi.Core.Kpis;

/// <summary>
/// Report filters (kpis.md): a record is filtered through its own agent/channel, or its ticket's when it has none.
/// Team is the team's name, agent the agent's source id, category compared case-insensitively.
/// </summary>
public sealed record KpiFilters(
    string? Team = null, string? Agent = null, Channel? Channel = null, string? Category = null)
{
    public static readonly KpiFilters None = new();

    public bool Any => Team is not null || Agent is not null || Channel is not null || Category is not null;

    /// <summary>Names of the filters that are set, for "does not apply" notes.</summary>
    public IReadOnlyList<string> Names() =>
        new[]
            {
                ("team", Team is not null), ("agent", Agent is not null), ("channel", Channel is not null),
                ("category", Category is not null),
            }
            .Where(f => f.Item2).Select(f => f.Item1).ToList();

    /// <summary>Keeps the records that pass every filter that is set.</summary>
    internal IQueryable<T> Apply<T>(IQueryable<T> records, RecordPaths<T> paths)
    {
        if (Team is { } team)
            records = records.Where(paths.Agent.Then<T, Agent?, bool>(a => a!.Team!.Name == team));
        if (Agent is { } agent)
            records = records.Where(paths.Agent.Then<T, Agent?, bool>(a => a!.SourceId == agent));
        if (Channel is { } channel)
            records = records.Where(paths.Channel.Then<T, Channel?, bool>(c => c == channel));
        if (Category?.ToLowerInvariant() is { } category)
            records = records.Where(paths.Category.Then<T, string?, bool>(c => KpiSql.Lower(c) == category));
        return records;
    }
}

/// <summary>
/// How a kind of record reaches the dimensions filters and groupings use: its agent (and so team), its channel and
/// its category, each its own or its ticket's; and the timestamp that places it in a period.
/// </summary>
internal sealed record RecordPaths<T>(
    Expression<Func<T, DateTime>> Timestamp,
    Expression<Func<T, Agent?>> Agent,
    Expression<Func<T, Channel?>> Channel,
    Expression<Func<T, string?>> Category);

internal static class RecordPaths
{
    public static readonly RecordPaths<SurveyResponse> Surveys =
        new(s => s.SubmittedAt, s => s.Agent, s => s.Ticket!.Channel, s => s.Ticket!.Category);
    public static readonly RecordPaths<Ticket> CreatedTickets =
        new(t => t.CreatedAt, t => t.Agent, t => t.Channel, t => t.Category);
    public static readonly RecordPaths<Ticket> ResolvedTickets =
        CreatedTickets with { Timestamp = t => t.ResolvedAt!.Value };
    public static readonly RecordPaths<Interaction> Interactions =
        new(i => i.StartedAt, i => i.Agent, i => i.Channel, i => i.Ticket!.Category);
}
