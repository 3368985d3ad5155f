namespace CsKpi.Core.Model;

public class Ticket
{
    public long Id { get; set; }
    /// <summary>Loaded by <c>cskpi demo</c>; <c>cskpi demo --remove</c> deletes it (see DemoRemoval).</summary>
    public bool IsDemo { get; set; }
    public required string SourceId { get; set; }
    /// <summary>When the customer's request arrived (UTC).</summary>
    public DateTime CreatedAt { get; set; }
    public Channel Channel { get; set; }
    public int? CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public int? AgentId { get; set; }
    public Agent? Agent { get; set; }
    /// <summary>The ticket's own team (a group or queue); when null, its agent's team counts (kpis.md).</summary>
    public int? TeamId { get; set; }
    public Team? Team { get; set; }
    public TicketPriority Priority { get; set; }
    public string? Category { get; set; }
    public DateTime? FirstResponseAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public bool Reopened { get; set; }
    /// <summary>
    /// Interactions recorded on the ticket, kept current by database triggers on interactions (see the KpiFunctions
    /// migration), so first-contact resolution needs no per-ticket count at query time.
    /// </summary>
    public int InteractionCount { get; private set; }
    /// <summary>
    /// The customer had another ticket created in the 168 hours before this one (repeat contact), kept current by
    /// database triggers on tickets (see the KpiFunctions migration).
    /// </summary>
    public bool RepeatContact { get; private set; }
}
