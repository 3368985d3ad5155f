using System.Linq.Expressions;
using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis;

/// <summary>
/// The KPI registry: every KPI of kpis.md, each defined once. Adding a KPI is one entry here; the report query,
/// the command line, the API and the dashboard all read this list.
/// </summary>
public static class KpiRegistry
{
    public const string Csat = "csat";
    public const string CsatAvg = "csat_avg";
    public const string Nps = "nps";
    public const string Ces = "ces";
    public const string Enps = "enps";
    public const string Fcr = "fcr";
    public const string Aht = "aht";
    public const string TimeWithCustomer = "time_with_customer";
    public const string TimeWithCustomerAvg = "time_with_customer_avg";
    public const string FirstResponseMedian = "first_response_median";
    public const string FirstResponseMean = "first_response_mean";
    public const string FirstResponseP90 = "first_response_p90";
    public const string ResolutionMedian = "resolution_median";
    public const string TicketVolume = "ticket_volume";
    public const string Complaints = "complaints";
    public const string Returns = "returns";
    public const string ReopenRate = "reopen_rate";
    public const string RepeatContactRate = "repeat_contact_rate";
    public const string Churn = "churn";
    public const string Retention = "retention";
    public const string Backlog = "backlog";
    public const string BacklogAgeMedian = "backlog_age_median";
    public const string TicketsSolved = "tickets_solved";

    public static readonly IReadOnlyList<Kpi> All =
    [
        // csat: 100 × responses with score ≥ 4 / csat responses
        Survey(Csat, "Customer satisfaction", KpiUnit.Percent, Direction.HigherIsBetter, KpiFormula.Percent,
            g => g.Count(s => s.Kind == SurveyKind.Csat && s.Score >= 4),
            g => g.Count(s => s.Kind == SurveyKind.Csat)) with
        {
            Help = "Share of CSAT answers scoring 4 or 5 out of 5: 100 × satisfied responses / all CSAT responses in "
                + "the period.",
        },
        // csat_avg: mean csat score (1–5)
        Survey(CsatAvg, "CSAT average", KpiUnit.Score, Direction.HigherIsBetter, KpiFormula.Mean,
            g => g.Where(s => s.Kind == SurveyKind.Csat).Sum(s => (double)s.Score),
            g => g.Count(s => s.Kind == SurveyKind.Csat)) with
        {
            Help = "The average CSAT score on the 1–5 scale: sum of scores / number of CSAT responses.",
        },
        // nps: 100 × (promoters 9–10 − detractors 0–6) / nps responses
        Survey(Nps, "Net Promoter Score", KpiUnit.Score, Direction.HigherIsBetter, KpiFormula.Percent,
            g => g.Count(s => s.Kind == SurveyKind.Nps && s.Score >= KpiMath.PromoterFrom)
                - g.Count(s => s.Kind == SurveyKind.Nps && s.Score <= KpiMath.DetractorTo),
            g => g.Count(s => s.Kind == SurveyKind.Nps)) with
        {
            Help = "How many customers would recommend you: % promoters (9–10) minus % detractors (0–6) of all NPS "
                + "answers, from −100 to 100.",
        },
        // ces: mean score (1–7), lower is better
        Survey(Ces, "Customer effort", KpiUnit.Score, Direction.LowerIsBetter, KpiFormula.Mean,
            g => g.Where(s => s.Kind == SurveyKind.Ces).Sum(s => (double)s.Score),
            g => g.Count(s => s.Kind == SurveyKind.Ces)) with
        {
            Help = "How hard customers found it to get help, on a 1–7 scale (lower is better): the average CES score.",
        },
        // enps: as NPS, on enps responses
        Survey(Enps, "Employee NPS", KpiUnit.Score, Direction.HigherIsBetter, KpiFormula.Percent,
            g => g.Count(s => s.Kind == SurveyKind.Enps && s.Score >= KpiMath.PromoterFrom)
                - g.Count(s => s.Kind == SurveyKind.Enps && s.Score <= KpiMath.DetractorTo),
            g => g.Count(s => s.Kind == SurveyKind.Enps)) with
        {
            Help = "Would employees recommend working here: % promoters (9–10) minus % detractors (0–6) of the "
                + "employee survey, hidden below 5 answers.",
        },
        // fcr: 100 × resolved tickets with exactly one interaction and not reopened / resolved tickets with ≥ 1
        // interaction
        Resolved(Fcr, "First contact resolution", KpiUnit.Percent, Direction.HigherIsBetter, KpiFormula.Percent,
            g => g.Count(t => t.InteractionCount == 1 && !t.Reopened),
            g => g.Count(t => t.InteractionCount >= 1)) with
        {
            EmptiedBy = NoDataReason.NoInteractions,
            Help = "Tickets solved in one contact: 100 × resolved tickets with exactly one interaction and never "
                + "reopened / resolved tickets with an interaction.",
        },
        // aht: mean of talk + hold + wrap seconds
        Interaction(Aht, "Average handle time", KpiUnit.Seconds, Direction.LowerIsBetter, KpiFormula.Mean,
            g => g.Sum(i => (double)(i.TalkSeconds + i.HoldSeconds + i.WrapSeconds)),
            g => g.Count()) with
        {
            Help = "Average handle time per interaction: talk + hold + wrap-up seconds, averaged over the "
                + "interactions started in the period.",
        },
        // time_with_customer: sum of talk seconds
        Interaction(TimeWithCustomer, "Time with customer", KpiUnit.Seconds, Direction.Neutral, KpiFormula.Total,
            g => g.Sum(i => (double)i.TalkSeconds),
            g => g.Count()) with
        {
            SumsRecords = true,
            Help = "Total talk time with customers: the sum of talk seconds of the interactions in the period.",
        },
        // time_with_customer_avg: mean talk seconds per interaction
        Interaction(TimeWithCustomerAvg, "Time with customer per interaction",
            KpiUnit.Seconds, Direction.Neutral, KpiFormula.Mean,
            g => g.Sum(i => (double)i.TalkSeconds),
            g => g.Count()) with
        {
            Help = "Talk time per interaction, to compare with the channel's target time: talk seconds / interactions.",
        },
        // first response: median / mean / p90 of first_response_at − created_at, tickets with a first response
        Created(FirstResponseMedian, "First response time (median)",
            KpiUnit.Seconds, Direction.LowerIsBetter, KpiFormula.Total,
            g => KpiSql.PercentileCont(EF.Functions.ArrayAgg(g.Where(t => t.FirstResponseAt != null)
                .Select(t => (t.FirstResponseAt!.Value - t.CreatedAt).TotalSeconds).Order()), 0.5),
            g => g.Count(t => t.FirstResponseAt != null)) with
        {
            EmptiedBy = NoDataReason.NoFirstResponses,
            Help = "Half of the tickets got a first answer within this time: median of first response − creation, "
                + "tickets created in the period.",
        },
        // The mean sums whole microseconds (exact, in any order), so it is the same from the rollups as from the rows.
        Created(FirstResponseMean, "First response time (mean)",
            KpiUnit.Seconds, Direction.LowerIsBetter, KpiFormula.Mean,
            g => g.Where(t => t.FirstResponseAt != null)
                .Sum(t => KpiSql.Microseconds(t.FirstResponseAt!.Value, t.CreatedAt)),
            g => g.Count(t => t.FirstResponseAt != null)) with
        {
            NumeratorPerUnit = 1e6,
            EmptiedBy = NoDataReason.NoFirstResponses,
            Help = "Average wait for a first answer: mean of first response − creation over the tickets created in "
                + "the period that have one.",
        },
        Created(FirstResponseP90, "First response time (90th percentile)",
            KpiUnit.Seconds, Direction.LowerIsBetter, KpiFormula.Total,
            g => KpiSql.PercentileCont(EF.Functions.ArrayAgg(g.Where(t => t.FirstResponseAt != null)
                .Select(t => (t.FirstResponseAt!.Value - t.CreatedAt).TotalSeconds).Order()), 0.9),
            g => g.Count(t => t.FirstResponseAt != null)) with
        {
            EmptiedBy = NoDataReason.NoFirstResponses,
            Help = "9 tickets in 10 got a first answer within this time: 90th percentile of first response − creation.",
        },
        // resolution_median: median of resolved_at − created_at
        Resolved(ResolutionMedian, "Resolution time (median)",
            KpiUnit.Seconds, Direction.LowerIsBetter, KpiFormula.Total,
            g => KpiSql.PercentileCont(
                EF.Functions.ArrayAgg(g.Select(t => (t.ResolvedAt!.Value - t.CreatedAt).TotalSeconds).Order()), 0.5),
            g => g.Count()) with
        {
            Help = "Half of the tickets were resolved within this time: median of resolution − creation, tickets "
                + "resolved in the period.",
        },
        // ticket_volume: count of tickets
        Created(TicketVolume, "Ticket volume", KpiUnit.Count, Direction.Neutral, KpiFormula.Count,
            g => g.Count(),
            g => g.Count()) with
        {
            Help = "How many tickets were created in the period.",
        },
        // complaints / returns: tickets with that category (case-insensitive)
        Created(Complaints, "Complaints", KpiUnit.Count, Direction.LowerIsBetter, KpiFormula.Count,
            g => g.Count(t => KpiSql.Lower(t.Category) == "complaint"),
            g => g.Count()) with
        {
            Help = "Tickets created in the period with the category complaint.",
        },
        Created(Returns, "Returns", KpiUnit.Count, Direction.LowerIsBetter, KpiFormula.Count,
            g => g.Count(t => KpiSql.Lower(t.Category) == "return"),
            g => g.Count()) with
        {
            Help = "Tickets created in the period with the category return.",
        },
        // reopen_rate: 100 × resolved tickets reopened / resolved tickets
        Resolved(ReopenRate, "Reopen rate", KpiUnit.Percent, Direction.LowerIsBetter, KpiFormula.Percent,
            g => g.Count(t => t.Reopened),
            g => g.Count()) with
        {
            Help = "Share of resolved tickets that were reopened: 100 × reopened / resolved tickets in the period.",
        },
        // repeat_contact_rate: 100 × tickets whose customer had another ticket in the 168 h before / tickets with a
        // customer
        Created(RepeatContactRate, "Repeat contact rate", KpiUnit.Percent, Direction.LowerIsBetter, KpiFormula.Percent,
            g => g.Count(t => t.RepeatContact),
            g => g.Count(t => t.CustomerId != null)) with
        {
            EmptiedBy = NoDataReason.NoCustomerIds,
            Help = "Share of tickets whose customer had opened another ticket in the 7 days before: 100 × repeat "
                + "tickets / tickets with a customer.",
        },
        // tickets_solved (service-levels.md): count of tickets by resolved_at
        Resolved(TicketsSolved, "Solved tickets", KpiUnit.Count, Direction.Neutral, KpiFormula.Count,
            g => g.Count(),
            g => g.Count()) with
        {
            Help = "How many tickets were resolved in the period; with ticket volume, the created-vs-solved trend.",
        },
        // backlog (service-levels.md): tickets open at `to` — created_at < to and (resolved_at empty or ≥ to); count,
        // lower is better. A state at an instant, not a sum over days: measured from the raw rows only.
        Open(Backlog, "Backlog", KpiUnit.Count, Direction.LowerIsBetter, KpiFormula.Level,
            g => g.Count(),
            g => g.Count()) with
        {
            Help = "Tickets still open at the end of the period: created before it ends and not resolved by then.",
        },
        // backlog_age_median: median of to − created_at over the backlog's tickets, seconds
        Open(BacklogAgeMedian, "Backlog age (median)", KpiUnit.Seconds, Direction.LowerIsBetter, KpiFormula.Total,
            g => KpiSql.PercentileCont(
                EF.Functions.ArrayAgg(g.Select(o => (o.At - o.CreatedAt).TotalSeconds).Order()), 0.5),
            g => g.Count()) with
        {
            Help = "How long the open tickets have waited: median of end of the period − creation over the backlog.",
        },
        // A customer is active at date d when customer_since < d and (cancelled_on is empty or cancelled_on ≥ d).
        // churn: 100 × customers active at `from` whose cancelled_on falls in the period / customers active at `from`
        new Kpi
        {
            Key = Churn, Name = "Churn rate", Unit = KpiUnit.Percent, Direction = Direction.LowerIsBetter,
            Help = "Share of customers lost: 100 × customers active at the start who cancelled in the period / "
                + "customers active at the start.",
            Source = KpiSource.Customers, Formula = KpiFormula.Percent,
            CustomerNumerator = (g, from, to) =>
                g.Count(c => c.CustomerSince < from && c.CancelledOn >= from && c.CancelledOn < to),
            CustomerDenominator = (g, from, _) =>
                g.Count(c => c.CustomerSince < from && (c.CancelledOn == null || c.CancelledOn >= from)),
        },
        // retention: 100 × (customers active at `to` − customers whose customer_since falls in the period) / customers
        // active at `from`
        new Kpi
        {
            Key = Retention, Name = "Retention rate", Unit = KpiUnit.Percent, Direction = Direction.HigherIsBetter,
            Help = "Share of customers kept: 100 × (customers active at the end − new customers of the period) / "
                + "customers active at the start.",
            Source = KpiSource.Customers, Formula = KpiFormula.Percent,
            CustomerNumerator = (g, from, to) =>
                g.Count(c => c.CustomerSince < to && (c.CancelledOn == null || c.CancelledOn >= to))
                - g.Count(c => c.CustomerSince >= from && c.CustomerSince < to),
            CustomerDenominator = (g, from, _) =>
                g.Count(c => c.CustomerSince < from && (c.CancelledOn == null || c.CancelledOn >= from)),
        },
    ];

    private static readonly Dictionary<string, Kpi> ByKey = All.ToDictionary(k => k.Key);

    public static Kpi Get(string key) => ByKey[key];

    public static bool TryGet(string key, out Kpi kpi) => ByKey.TryGetValue(key, out kpi!);

    private static Kpi Survey(string key, string name, KpiUnit unit, Direction direction, KpiFormula formula,
        Expression<Func<IEnumerable<SurveyResponse>, double?>> numerator,
        Expression<Func<IEnumerable<SurveyResponse>, double?>> denominator) =>
        Of(key, name, unit, direction, KpiSource.Surveys, formula, numerator, denominator);

    private static Kpi Created(string key, string name, KpiUnit unit, Direction direction, KpiFormula formula,
        Expression<Func<IEnumerable<Ticket>, double?>> numerator,
        Expression<Func<IEnumerable<Ticket>, double?>> denominator) =>
        Of(key, name, unit, direction, KpiSource.CreatedTickets, formula, numerator, denominator);

    private static Kpi Resolved(string key, string name, KpiUnit unit, Direction direction, KpiFormula formula,
        Expression<Func<IEnumerable<Ticket>, double?>> numerator,
        Expression<Func<IEnumerable<Ticket>, double?>> denominator) =>
        Of(key, name, unit, direction, KpiSource.ResolvedTickets, formula, numerator, denominator);

    private static Kpi Open(string key, string name, KpiUnit unit, Direction direction, KpiFormula formula,
        Expression<Func<IEnumerable<OpenTicket>, double?>> numerator,
        Expression<Func<IEnumerable<OpenTicket>, double?>> denominator) =>
        Of(key, name, unit, direction, KpiSource.OpenTickets, formula, numerator, denominator);

    private static Kpi Interaction(string key, string name, KpiUnit unit, Direction direction, KpiFormula formula,
        Expression<Func<IEnumerable<Interaction>, double?>> numerator,
        Expression<Func<IEnumerable<Interaction>, double?>> denominator) =>
        Of(key, name, unit, direction, KpiSource.Interactions, formula, numerator, denominator);

    private static Kpi Of(string key, string name, KpiUnit unit, Direction direction, KpiSource source,
        KpiFormula formula, LambdaExpression numerator, LambdaExpression denominator) =>
        new()
        {
            Key = key,
            Name = name,
            Unit = unit,
            Direction = direction,
            Source = source,
            Formula = formula,
            Numerator = numerator,
            Denominator = denominator,
        };
}
