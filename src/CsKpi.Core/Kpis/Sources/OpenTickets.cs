using System.Linq.Expressions;
using CsKpi.Core.Data;
using CsKpi.Core.Model;

namespace CsKpi.Core.Kpis.Sources;

/// <summary>
/// The backlog KPIs' records: tickets open at given instants, measured from the raw rows in one query — every instant
/// (a trend's bucket ends, a period's end and its previous period's) joined to the filtered tickets and grouped by
/// instant or by a dimension. Never from the rollups: a count at an instant does not add up over days.
/// </summary>
internal static class OpenTickets
{
    public static readonly IReadOnlyList<Kpi> Kpis =
        KpiRegistry.All.Where(k => k.Source == KpiSource.OpenTickets).ToArray();

    public static List<LambdaExpression> MeasuresOf(IEnumerable<Kpi> kpis) => RecordSources.DistinctMeasures(kpis);

    /// <summary>The measures at each instant (UTC), keyed by the instant; an instant with no open ticket has no row.
    /// </summary>
    public static Task<List<MeasureRow<DateTime>>> AtAsync(KpiDbContext db, KpiFilters filters,
        IReadOnlyList<DateTime> instantsUtc, List<LambdaExpression> measures, CancellationToken cancellationToken) =>
        GroupedMeasures.MeasureAsync(Open(db, filters, instantsUtc, null), o => o.At, measures, cancellationToken);

    /// <summary>The measures at one instant grouped by a dimension (team, agent, channel or category).</summary>
    public static async Task<List<MeasureRow<string?>>> ByDimensionAsync(KpiDbContext db, KpiFilters filters,
        DateTime instantUtc, Grouping grouping, List<LambdaExpression> measures, CancellationToken cancellationToken)
    {
        var paths = RecordPaths.CreatedTickets;
        if (grouping == Grouping.Channel)
        {
            var rows = await GroupedMeasures.MeasureAsync(Open(db, filters, [instantUtc], null), o => o.Channel,
                measures, cancellationToken);
            return rows.Select(r => new MeasureRow<string?> { Key = r.Key?.Code(), Values = r.Values }).ToList();
        }
        Expression<Func<Ticket, string?>> key = grouping switch
        {
            Grouping.Team => paths.TeamName,
            Grouping.Agent => t => t.Agent!.SourceId,
            Grouping.Category => t => KpiSql.Lower(t.Category),
            _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "Not a dimension."),
        };
        return await GroupedMeasures.MeasureAsync(Open(db, filters, [instantUtc], key), o => o.Dimension, measures,
            cancellationToken);
    }

    /// <summary>The tickets open at one instant, filtered (the drill-through's list of the backlog).</summary>
    public static IQueryable<Ticket> At(KpiDbContext db, KpiFilters filters, DateTime instantUtc) =>
        filters.Apply(db.Tickets, RecordPaths.CreatedTickets)
            .Where(t => t.CreatedAt < instantUtc && (t.ResolvedAt == null || t.ResolvedAt >= instantUtc));

    /// <summary>One row per filtered ticket and instant it is open at, with the dimension's key when asked.</summary>
    private static IQueryable<OpenTicket> Open(KpiDbContext db, KpiFilters filters, IReadOnlyList<DateTime> instants,
        Expression<Func<Ticket, string?>>? dimension)
    {
        var at = instants.Select(i => DateTime.SpecifyKind(i, DateTimeKind.Utc)).Distinct().ToArray();
        var (first, last) = (at.Min(), at.Max());
        // Only tickets open at some instant between the first and the last can be open at one of them.
        var tickets = filters.Apply(db.Tickets, RecordPaths.CreatedTickets)
            .Where(t => t.CreatedAt < last && (t.ResolvedAt == null || t.ResolvedAt >= first));
        Expression<Func<Ticket, string?>> key = dimension ?? (_ => null);
        var ticket = Expression.Parameter(typeof(Ticket), "t");
        var instant = Expression.Parameter(typeof(DateTime), "at");
        MemberBinding Bind(string member, Expression value) =>
            Expression.Bind(typeof(OpenTicket).GetProperty(member)!, value);
        var row = Expression.Lambda<Func<Ticket, DateTime, OpenTicket>>(Expression.MemberInit(
            Expression.New(typeof(OpenTicket)),
            Bind(nameof(OpenTicket.At), instant),
            Bind(nameof(OpenTicket.CreatedAt), Expression.Property(ticket, nameof(Ticket.CreatedAt))),
            Bind(nameof(OpenTicket.Dimension), Expressions.Replace(key.Body, key.Parameters[0], ticket)),
            Bind(nameof(OpenTicket.Channel), Expression.Convert(
                Expression.Property(ticket, nameof(Ticket.Channel)), typeof(Channel?)))), ticket, instant);
        return tickets
            .SelectMany(t => at.Where(i => t.CreatedAt < i && (t.ResolvedAt == null || t.ResolvedAt >= i)), row);
    }
}
