using CsKpi.Core.Model;

namespace CsKpi.Core.Kpis.Analyses;

/// <summary>One ticket behind a number, with what a manager checks first.</summary>
public sealed record TicketRecord(
    string TicketId, DateTime CreatedAt, Channel Channel, string? Category, string? Agent, string? Team,
    double? FirstResponseSeconds, double? ResolutionSeconds, int Interactions, int HandleSeconds, double? Csat,
    double? Nps);

/// <summary>One customer behind a number (churn, retention).</summary>
public sealed record CustomerRecord(string CustomerId, DateOnly? CustomerSince, DateOnly? CancelledOn, string? Segment);

/// <summary>One survey response behind a number.</summary>
public sealed record ResponseRecord(string ResponseId, DateTime SubmittedAt, SurveyKind Kind, int Score,
    string? TicketId, string? Agent, string? Team, string? Comment);

/// <summary>One interaction behind a number.</summary>
public sealed record InteractionRecord(string InteractionId, DateTime StartedAt, string TicketId, Channel Channel,
    string Agent, string? Team, int TalkSeconds, int HoldSeconds, int WrapSeconds);

/// <summary>A page of the records behind a number: the total says how many there are in all.</summary>
public sealed record RecordPage<T>(long Total, int Page, int PageSize, IReadOnlyList<T> Rows)
{
    public int Pages => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The part of a number's records that one bar of a chart shows: a score range (the NPS split's promoters, passives,
/// detractors), a bar of the first-response histogram (its index in <see cref="FirstResponseWaits.Bounds"/>, the
/// last open-ended), or the responses that rate a dimension (CSAT by dimension). Null parts narrow nothing.
/// </summary>
public sealed record RecordSubset(
    int? MinScore = null, int? MaxScore = null, int? Wait = null, string? Dimension = null)
{
    public static readonly RecordSubset All = new();

    public bool NarrowsTickets => Wait is not null;
    public bool NarrowsResponses => MinScore is not null || MaxScore is not null || Dimension is not null;
}
