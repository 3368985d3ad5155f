namespace CsKpi.Core.Model;

/// <summary>One customer contact handled by an agent: a call, an email reply, a chat session, a visit.</summary>
public class Interaction
{
    public long Id { get; set; }
    /// <summary>Loaded by <c>cskpi demo</c>; <c>cskpi demo --remove</c> deletes it (see DemoRemoval).</summary>
    public bool IsDemo { get; set; }
    public required string SourceId { get; set; }
    public long TicketId { get; set; }
    public Ticket? Ticket { get; set; }
    public int AgentId { get; set; }
    public Agent? Agent { get; set; }
    public DateTime StartedAt { get; set; }
    public int TalkSeconds { get; set; }
    public int HoldSeconds { get; set; }
    public int WrapSeconds { get; set; }
    /// <summary>The ticket's channel when the file gives none.</summary>
    public Channel Channel { get; set; }
}
