using System.Linq.Expressions;
using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis;

/// <summary>One ticket behind a number, with what a manager checks first.</summary>
public sealed record TicketRecord(
    string TicketId, DateTime CreatedAt, Channel Channel, string? Category, string? Agent, string? Team,
    double? FirstResponseSeconds, double? ResolutionSeconds, int Interactions, int HandleSeconds, double? Csat, double? Nps);

/// <summary>A page of the records behind a number: the total says how many there are in all.</summary>
public sealed record RecordPage<T>(long Total, int Page, int PageSize, IReadOnlyList<T> Rows)
{
    public int Pages => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Drill-through (issue #9): the tickets behind a ticket KPI, with the report's period and filters — exactly the
/// records its count counts: the denominator's (tickets with a first response for first-response times, with an
/// interaction for FCR), or for plain counts such as complaints the numerator's. The predicate is read from the
/// KPI's own definition in the registry, so the list and the number cannot drift apart.
/// </summary>
public sealed class Drillthrough(KpiDbContext db)
{
    public const int DefaultPageSize = 50;

    public static bool Supports(Kpi kpi) => kpi.Source is KpiSource.CreatedTickets or KpiSource.ResolvedTickets;

    public IQueryable<Ticket> TicketsBehind(Kpi kpi, ReportPeriod period, KpiFilters filters)
    {
        var paths = kpi.Source switch
        {
            KpiSource.CreatedTickets => RecordPaths.CreatedTickets,
            KpiSource.ResolvedTickets => RecordPaths.ResolvedTickets,
            _ => throw new ArgumentException($"{kpi.Key} does not count tickets.", nameof(kpi)),
        };
        var (fromUtc, toUtc) = (period.FromUtc, period.ToUtc());
        var tickets = filters.Apply(db.Tickets.Where(paths.Timestamp.Then<Ticket, DateTime, bool>(ts => ts >= fromUtc && ts < toUtc)), paths);
        return Counted(kpi.Formula == KpiFormula.Count ? kpi.Numerator! : kpi.Denominator!) is { } counted ? tickets.Where(counted) : tickets;
    }

    public async Task<RecordPage<TicketRecord>> PageAsync(Kpi kpi, ReportPeriod period, KpiFilters filters, int page, int pageSize = DefaultPageSize,
        CancellationToken cancellationToken = default)
    {
        var tickets = TicketsBehind(kpi, period, filters);
        var total = await tickets.LongCountAsync(cancellationToken);
        page = Math.Clamp(page, 1, (int)Math.Max(1, (total + pageSize - 1) / pageSize));
        var rows = await Rows(tickets).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new RecordPage<TicketRecord>(total, page, pageSize, rows);
    }

    /// <summary>Every row, streamed in order (for the CSV export): memory stays flat however many there are.</summary>
    public IAsyncEnumerable<TicketRecord> AllAsync(Kpi kpi, ReportPeriod period, KpiFilters filters) =>
        Rows(TicketsBehind(kpi, period, filters)).AsAsyncEnumerable();

    private IQueryable<TicketRecord> Rows(IQueryable<Ticket> tickets) =>
        tickets.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Select(t => new TicketRecord(
            t.SourceId, t.CreatedAt, t.Channel, t.Category,
            t.Agent == null ? null : t.Agent.SourceId,
            t.Agent == null || t.Agent.Team == null ? null : t.Agent.Team.Name,
            t.FirstResponseAt == null ? null : (t.FirstResponseAt.Value - t.CreatedAt).TotalSeconds,
            t.ResolvedAt == null ? null : (t.ResolvedAt.Value - t.CreatedAt).TotalSeconds,
            t.InteractionCount,
            db.Interactions.Where(i => i.TicketId == t.Id).Sum(i => i.TalkSeconds + i.HoldSeconds + i.WrapSeconds),
            db.SurveyResponses.Where(s => s.TicketId == t.Id && s.Kind == SurveyKind.Csat).Average(s => (double?)s.Score),
            db.SurveyResponses.Where(s => s.TicketId == t.Id && s.Kind == SurveyKind.Nps).Average(s => (double?)s.Score)));

    /// <summary>The records an aggregate counts: <c>g =&gt; g.Count()</c> → all (null), <c>g =&gt; g.Count(p)</c> → p.</summary>
    private static Expression<Func<Ticket, bool>>? Counted(LambdaExpression aggregate)
    {
        var body = aggregate.Body;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert } convert)
            body = convert.Operand;
        return body is MethodCallExpression { Method.Name: nameof(Enumerable.Count) } call
            ? call.Arguments.Count == 2 ? (Expression<Func<Ticket, bool>>)call.Arguments[1] : null
            : throw new NotSupportedException($"{aggregate} is not a count of records.");
    }
}
