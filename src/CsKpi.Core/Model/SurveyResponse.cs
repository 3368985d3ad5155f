namespace CsKpi.Core.Model;

public class SurveyResponse
{
    public long Id { get; set; }
    /// <summary>Loaded by <c>cskpi demo</c>; <c>cskpi demo --remove</c> deletes it (see DemoRemoval).</summary>
    public bool IsDemo { get; set; }
    public required string SourceId { get; set; }
    public SurveyKind Kind { get; set; }
    public short Score { get; set; }
    public DateTime SubmittedAt { get; set; }
    public long? TicketId { get; set; }
    public Ticket? Ticket { get; set; }
    /// <summary>Agent rated (defaults to the ticket's); for eNPS the responding employee.</summary>
    public int? AgentId { get; set; }
    public Agent? Agent { get; set; }
    public int? CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public string? Comment { get; set; }
    public List<DimensionRating> Dimensions { get; } = [];
}

/// <summary>A respondent's 1–5 rating of one aspect (csv <c>dim_*</c> columns), for key-driver analysis.</summary>
public class DimensionRating
{
    public long SurveyResponseId { get; set; }
    public required string Dimension { get; set; }
    public short Rating { get; set; }
}
