namespace CsKpi.Core.Model;

public class Customer
{
    public int Id { get; set; }
    /// <summary>Loaded by <c>cskpi demo</c>; <c>cskpi demo --remove</c> deletes it (see DemoRemoval).</summary>
    public bool IsDemo { get; set; }
    public required string SourceId { get; set; }
    /// <summary>Null for a bare customer created by a ticket; such customers take no part in churn/retention.</summary>
    public DateOnly? CustomerSince { get; set; }
    public DateOnly? CancelledOn { get; set; }
    public string? Segment { get; set; }
}
