namespace CsKpi.Core.Model;

/// <summary>
/// A ticket's priority (tickets.csv); it chooses the service-level policy. Stored as its code. Normal is the zero
/// value: an unset priority is normal, in C# as in the database's default.
/// </summary>
public enum TicketPriority
{
    Normal,
    Low,
    High,
    Urgent,
}

public static class TicketPriorities
{
    /// <summary>From lowest to highest.</summary>
    public static readonly IReadOnlyList<TicketPriority> All =
        [TicketPriority.Low, TicketPriority.Normal, TicketPriority.High, TicketPriority.Urgent];

    /// <summary>The name used in CSV files and the database.</summary>
    public static string Code(this TicketPriority priority) => priority switch
    {
        TicketPriority.Low => "low",
        TicketPriority.Normal => "normal",
        TicketPriority.High => "high",
        TicketPriority.Urgent => "urgent",
    };

    public static bool TryParse(string? text, out TicketPriority priority) =>
        Codes.TryFind(All, Code, text, out priority);
}
