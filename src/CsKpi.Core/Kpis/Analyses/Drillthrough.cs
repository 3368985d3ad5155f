using System.Linq.Expressions;
using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis.Analyses;

/// <summary>
/// Drill-through (issue #9): the tickets behind a ticket KPI, with the report's period and filters — exactly the
/// records its count counts: the denominator's (tickets with a first response for first-response times, with an
/// interaction for FCR), or for plain counts such as complaints the numerator's. The predicate is read from the
/// KPI's own definition in the registry, so the list and the number cannot drift apart.
/// </summary>
public sealed class Drillthrough(KpiDbContext db, RecordSubset? subset = null)
{
    private readonly RecordSubset _subset = subset ?? RecordSubset.All;

    public const int DefaultPageSize = 50;

    /// <summary>
    /// Every KPI has records behind it except eNPS, whose responses are employees' own answers: listing them would
    /// name who answered what. Churn lists the churned customers, retention the retained (company-wide, as the KPIs).
    /// </summary>
    public static bool Supports(Kpi kpi) => kpi.Key != KpiRegistry.Enps;

    /// <summary>
    /// The customers behind a customer KPI (issue #19 point 5): churn's are the churned ones (its numerator's
    /// customers), retention's the retained ones — active when the period starts (the denominator) and still active
    /// when it ends (the first term of its numerator). Retention's numerator also subtracts the new customers who left
    /// within the period, so it is this list's count minus <see cref="NewCustomersLost"/>'s.
    /// </summary>
    public IQueryable<Customer> CustomersBehind(Kpi kpi, ReportPeriod period)
    {
        if (kpi.Source != KpiSource.Customers)
            throw new ArgumentException($"{kpi.Key} does not count customers.", nameof(kpi));
        var (from, to) = (period.FromDate, period.ToDate);
        return kpi.Key == KpiRegistry.Retention
            ? db.Customers.Where(CountedCustomers(kpi.CustomerDenominator!, from, to))
                .Where(CountedCustomers(FirstTerm(kpi.CustomerNumerator!), from, to))
            : db.Customers.Where(CountedCustomers(kpi.CustomerNumerator!, from, to));
    }

    /// <summary>
    /// Customers who joined and left within the period: retention's numerator subtracts them (kpis.md: active at
    /// `to` − new in the period) though they are not among the retained.
    /// </summary>
    public IQueryable<Customer> NewCustomersLost(ReportPeriod period)
    {
        var (from, to) = (period.FromDate, period.ToDate);
        return db.Customers.Where(c => c.CustomerSince >= from && c.CustomerSince < to && c.CancelledOn < to);
    }

    /// <summary>The <c>a</c> of a measure <c>a − b</c> (retention's customers active at the period's end).</summary>
    private static Expression<Func<IEnumerable<Customer>, DateOnly, DateOnly, double?>> FirstTerm(
        Expression<Func<IEnumerable<Customer>, DateOnly, DateOnly, double?>> measure)
    {
        var body = measure.Body;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert } convert)
            body = convert.Operand;
        return body is BinaryExpression { NodeType: ExpressionType.Subtract } difference
            ? Expression.Lambda<Func<IEnumerable<Customer>, DateOnly, DateOnly, double?>>(
                Expression.Convert(difference.Left, typeof(double?)), measure.Parameters)
            : throw new NotSupportedException($"{measure} is not a difference of counts.");
    }

    public Task<RecordPage<CustomerRecord>> CustomersAsync(Kpi kpi, ReportPeriod period, int page,
        int pageSize = DefaultPageSize, CancellationToken cancellationToken = default) =>
        PageOfAsync(CustomersBehind(kpi, period), CustomerRows, page, pageSize, cancellationToken);

    /// <summary>Every customer behind a customer KPI, streamed in order (for the CSV export).</summary>
    public IAsyncEnumerable<CustomerRecord> AllCustomersAsync(Kpi kpi, ReportPeriod period) =>
        CustomerRows(CustomersBehind(kpi, period)).AsAsyncEnumerable();

    private static IQueryable<CustomerRecord> CustomerRows(IQueryable<Customer> customers) =>
        customers.OrderBy(c => c.CustomerSince).ThenBy(c => c.Id)
            .Select(c => new CustomerRecord(c.SourceId, c.CustomerSince, c.CancelledOn, c.Segment));

    /// <summary>
    /// The customers a measure <c>(g, from, to) =&gt; g.Count(c =&gt; …)</c> counts, for this period: the count's own
    /// predicate with the period's dates put in, so the list cannot drift from the number.
    /// </summary>
    private static Expression<Func<Customer, bool>> CountedCustomers(
        Expression<Func<IEnumerable<Customer>, DateOnly, DateOnly, double?>> measure, DateOnly from, DateOnly to)
    {
        var counted = Counted<Customer>(measure) ?? (c => true);
        var dates = new Dictionary<ParameterExpression, Expression>
        {
            [measure.Parameters[1]] = Expression.Constant(from),
            [measure.Parameters[2]] = Expression.Constant(to),
        };
        return Expression.Lambda<Func<Customer, bool>>(new Substitute(dates).Visit(counted.Body), counted.Parameters);
    }

    private sealed class Substitute(Dictionary<ParameterExpression, Expression> values) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            values.TryGetValue(node, out var value) ? value : node;
    }

    public IQueryable<Ticket> TicketsBehind(Kpi kpi, ReportPeriod period, KpiFilters filters) =>
        Narrowed(kpi.Source switch
        {
            KpiSource.CreatedTickets => Behind(db.Tickets, RecordPaths.CreatedTickets, kpi, period, filters),
            KpiSource.ResolvedTickets => Behind(db.Tickets, RecordPaths.ResolvedTickets, kpi, period, filters),
            // The backlog's tickets: open at the period's end.
            KpiSource.OpenTickets => Sources.OpenTickets.At(db, filters, period.ToUtc()),
            _ => throw new ArgumentException($"{kpi.Key} does not count tickets.", nameof(kpi)),
        });

    public IQueryable<SurveyResponse> ResponsesBehind(Kpi kpi, ReportPeriod period, KpiFilters filters) =>
        kpi.Source == KpiSource.Surveys
        ? Narrowed(Behind(db.SurveyResponses, RecordPaths.Surveys, kpi, period, filters))
        : throw new ArgumentException($"{kpi.Key} does not count survey responses.", nameof(kpi));

    private IQueryable<Ticket> Narrowed(IQueryable<Ticket> tickets)
    {
        // A histogram bar: the tickets its own count counts (FirstResponseWaits' measure for that bar).
        return _subset.Wait is { } bar ? tickets.Where(Counted<Ticket>(FirstResponseWaits.Measures[bar])!) : tickets;
    }

    private IQueryable<SurveyResponse> Narrowed(IQueryable<SurveyResponse> responses)
    {
        if (_subset.MinScore is { } minScore)
            responses = responses.Where(s => s.Score >= minScore);
        if (_subset.MaxScore is { } maxScore)
            responses = responses.Where(s => s.Score <= maxScore);
        if (_subset.Dimension is { } dimension)
        {
            responses = responses.Where(s =>
                db.DimensionRatings.Any(d => d.SurveyResponseId == s.Id && d.Dimension == dimension));
        }
        return responses;
    }

    public IQueryable<Interaction> InteractionsBehind(Kpi kpi, ReportPeriod period, KpiFilters filters) =>
        kpi.Source == KpiSource.Interactions
        ? Behind(db.Interactions, RecordPaths.Interactions, kpi, period, filters)
        : throw new ArgumentException($"{kpi.Key} does not count interactions.", nameof(kpi));

    public Task<RecordPage<ResponseRecord>> ResponsesAsync(Kpi kpi, ReportPeriod period, KpiFilters filters, int page,
        int pageSize = DefaultPageSize, CancellationToken cancellationToken = default) =>
        PageOfAsync(ResponsesBehind(kpi, period, filters), ResponseRows, page, pageSize, cancellationToken);

    public Task<RecordPage<InteractionRecord>> InteractionsAsync(Kpi kpi, ReportPeriod period, KpiFilters filters,
        int page, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default) =>
        PageOfAsync(InteractionsBehind(kpi, period, filters), InteractionRows, page, pageSize, cancellationToken);

    /// <summary>Every response behind a survey KPI, streamed in order (for the CSV export).</summary>
    public IAsyncEnumerable<ResponseRecord> AllResponsesAsync(Kpi kpi, ReportPeriod period, KpiFilters filters) =>
        ResponseRows(ResponsesBehind(kpi, period, filters)).AsAsyncEnumerable();

    /// <summary>Every interaction behind an interaction KPI, streamed in order (for the CSV export).</summary>
    public IAsyncEnumerable<InteractionRecord> AllInteractionsAsync(Kpi kpi, ReportPeriod period, KpiFilters filters) =>
        InteractionRows(InteractionsBehind(kpi, period, filters)).AsAsyncEnumerable();

    private static IQueryable<ResponseRecord> ResponseRows(IQueryable<SurveyResponse> responses) =>
        WithTeams(responses.OrderBy(s => s.SubmittedAt).ThenBy(s => s.Id), RecordPaths.Surveys)
            .Select(x => new ResponseRecord(x.Record.SourceId, x.Record.SubmittedAt, x.Record.Kind, x.Record.Score,
                x.Record.Ticket == null ? null : x.Record.Ticket.SourceId,
                x.Record.Agent == null ? null : x.Record.Agent.SourceId, x.Team, x.Record.Comment));

    private static IQueryable<InteractionRecord> InteractionRows(IQueryable<Interaction> interactions) =>
        WithTeams(interactions.OrderBy(i => i.StartedAt).ThenBy(i => i.Id), RecordPaths.Interactions)
            .Select(x => new InteractionRecord(x.Record.SourceId, x.Record.StartedAt, x.Record.Ticket!.SourceId,
                x.Record.Channel, x.Record.Agent!.SourceId, x.Team, x.Record.TalkSeconds, x.Record.HoldSeconds,
                x.Record.WrapSeconds));

    /// <summary>Each record with the name of its team (the team rule, <see cref="RecordPaths{T}.TeamName"/>).
    /// </summary>
    private static IQueryable<Teamed<T>> WithTeams<T>(IQueryable<T> records, RecordPaths<T> paths)
    {
        var team = paths.TeamName;
        var record = team.Parameters[0];
        return records.Select(Expression.Lambda<Func<T, Teamed<T>>>(Expression.MemberInit(
            Expression.New(typeof(Teamed<T>)),
            Expression.Bind(typeof(Teamed<T>).GetProperty(nameof(Teamed<T>.Record))!, record),
            Expression.Bind(typeof(Teamed<T>).GetProperty(nameof(Teamed<T>.Team))!, team.Body)), record));
    }

    private sealed class Teamed<T>
    {
        public required T Record { get; init; }
        public string? Team { get; init; }
    }

    /// <summary>
    /// The source's records in the period with the filters, narrowed to the ones the KPI's count counts.
    /// </summary>
    private static IQueryable<T> Behind<T>(IQueryable<T> records, RecordPaths<T> paths, Kpi kpi, ReportPeriod period,
        KpiFilters filters)
    {
        var (fromUtc, toUtc) = (period.FromUtc, period.ToUtc());
        var inPeriod = filters.Apply(
            records.Where(paths.Timestamp.Then<T, DateTime, bool>(ts => ts >= fromUtc && ts < toUtc)), paths);
        return Counted<T>(kpi.Formula == KpiFormula.Count ? kpi.Numerator! : kpi.Denominator!) is { } counted
            ? inPeriod.Where(counted)
            : inPeriod;
    }

    private static async Task<RecordPage<TRow>> PageOfAsync<T, TRow>(IQueryable<T> records,
        Func<IQueryable<T>, IQueryable<TRow>> rows, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await records.LongCountAsync(cancellationToken);
        page = Math.Clamp(page, 1, (int)Math.Max(1, (total + pageSize - 1) / pageSize));
        var rowsOfPage = await rows(records).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new RecordPage<TRow>(total, page, pageSize, rowsOfPage);
    }

    public Task<RecordPage<TicketRecord>> PageAsync(Kpi kpi, ReportPeriod period, KpiFilters filters, int page,
        int pageSize = DefaultPageSize, CancellationToken cancellationToken = default) =>
        PageOfAsync(TicketsBehind(kpi, period, filters), Rows, page, pageSize, cancellationToken);

    /// <summary>
    /// How many CSAT and NPS responses the tickets behind a number carry: their columns follow the privacy rule.
    /// </summary>
    public Task<long> SurveyResponsesOfAsync(Kpi kpi, ReportPeriod period, KpiFilters filters,
        CancellationToken cancellationToken = default)
    {
        var tickets = TicketsBehind(kpi, period, filters).Select(t => t.Id);
        return db.SurveyResponses
            .Where(s => s.TicketId != null && tickets.Contains(s.TicketId.Value)
                && (s.Kind == SurveyKind.Csat || s.Kind == SurveyKind.Nps))
            .LongCountAsync(cancellationToken);
    }

    /// <summary>Every row, streamed in order (for the CSV export): memory stays flat however many there are.</summary>
    public IAsyncEnumerable<TicketRecord> AllAsync(Kpi kpi, ReportPeriod period, KpiFilters filters) =>
        Rows(TicketsBehind(kpi, period, filters)).AsAsyncEnumerable();

    private IQueryable<TicketRecord> Rows(IQueryable<Ticket> tickets) =>
        WithTeams(tickets.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id), RecordPaths.CreatedTickets)
            .Select(x => new TicketRecord(
                x.Record.SourceId, x.Record.CreatedAt, x.Record.Channel, x.Record.Category,
                x.Record.Agent == null ? null : x.Record.Agent.SourceId,
                x.Team,
                x.Record.FirstResponseAt == null ? null
                    : (x.Record.FirstResponseAt.Value - x.Record.CreatedAt).TotalSeconds,
                x.Record.ResolvedAt == null ? null : (x.Record.ResolvedAt.Value - x.Record.CreatedAt).TotalSeconds,
                x.Record.InteractionCount,
                db.Interactions.Where(i => i.TicketId == x.Record.Id)
                    .Sum(i => i.TalkSeconds + i.HoldSeconds + i.WrapSeconds),
                db.SurveyResponses.Where(s => s.TicketId == x.Record.Id && s.Kind == SurveyKind.Csat)
                    .Average(s => (double?)s.Score),
                db.SurveyResponses.Where(s => s.TicketId == x.Record.Id && s.Kind == SurveyKind.Nps)
                    .Average(s => (double?)s.Score)));

    /// <summary>
    /// The records an aggregate counts: <c>g =&gt; g.Count()</c> → all (null), <c>g =&gt; g.Count(p)</c> → p.
    /// </summary>
    private static Expression<Func<T, bool>>? Counted<T>(LambdaExpression aggregate)
    {
        var body = aggregate.Body;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert } convert)
            body = convert.Operand;
        return body is MethodCallExpression { Method.Name: nameof(Enumerable.Count) } call
            ? call.Arguments.Count == 2 ? (Expression<Func<T, bool>>)call.Arguments[1] : null
            : throw new NotSupportedException($"{aggregate} is not a count of records.");
    }
}
