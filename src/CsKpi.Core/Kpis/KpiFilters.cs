using System.Linq.Expressions;
using CsKpi.Core.Data;
using CsKpi.Core.Model;

namespace CsKpi.Core.Kpis;

/// <summary>
/// Report filters (kpis.md): a record is filtered through its own agent/channel, or its ticket's when it has none,
/// and its team by the team rule (<see cref="RecordPaths{T}.TeamId"/>). Team is the team's name, agent the agent's
/// source id, category compared case-insensitively.
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
            records = records.Where(paths.TeamName.Then<T, string?, bool>(name => name == team));
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
/// How a kind of record reaches the dimensions filters and groupings use: its agent, its channel and its category,
/// each its own or its ticket's; its ticket (itself, for tickets), whose own team comes before its agent's; and the
/// timestamp that places it in a period.
/// </summary>
internal sealed record RecordPaths<T>(
    Expression<Func<T, DateTime>> Timestamp,
    Expression<Func<T, Agent?>> Agent,
    Expression<Func<T, Ticket?>> Ticket,
    Expression<Func<T, Channel?>> Channel,
    Expression<Func<T, string?>> Category)
{
    /// <summary>The record's team (kpis.md): its ticket's own team when the ticket has one, else its agent's.
    /// </summary>
    public Expression<Func<T, int?>> TeamId => Team<int?>(t => t!.TeamId, a => a!.TeamId);

    /// <summary>The name of the record's team (<see cref="TeamId"/>).</summary>
    public Expression<Func<T, string?>> TeamName => Team<string?>(t => t!.Team!.Name, a => a!.Team!.Name);

    /// <summary>record => ticket.team_id IS NOT NULL ? ofTicket(ticket) : ofAgent(agent).</summary>
    private Expression<Func<T, TValue>> Team<TValue>(Expression<Func<Ticket?, TValue>> ofTicket,
        Expression<Func<Agent?, TValue>> ofAgent)
    {
        var record = Timestamp.Parameters[0];
        Expression Body<TFrom, TTo>(Expression<Func<T, TFrom>> path, Expression<Func<TFrom, TTo>> then) =>
            Expressions.Replace(path.Then(then).Body, path.Parameters[0], record);
        var ticketHasTeam = Body(Ticket, t => t!.TeamId != null);
        return Expression.Lambda<Func<T, TValue>>(
            Expression.Condition(ticketHasTeam, Body(Ticket, ofTicket), Body(Agent, ofAgent)), record);
    }
}

internal static class RecordPaths
{
    public static readonly RecordPaths<SurveyResponse> Surveys =
        new(s => s.SubmittedAt, s => s.Agent, s => s.Ticket, s => s.Ticket!.Channel, s => s.Ticket!.Category);
    public static readonly RecordPaths<Ticket> CreatedTickets =
        new(t => t.CreatedAt, t => t.Agent, t => t, t => t.Channel, t => t.Category);
    public static readonly RecordPaths<Ticket> ResolvedTickets =
        CreatedTickets with { Timestamp = t => t.ResolvedAt!.Value };
    public static readonly RecordPaths<Interaction> Interactions =
        new(i => i.StartedAt, i => i.Agent, i => i.Ticket, i => i.Channel, i => i.Ticket!.Category);
}
