using CsKpi.Core.Model;

namespace CsKpi.Core.Kpis;

/// <summary>
/// A ticket open at an instant <see cref="At"/> (service-levels.md: <c>created_at</c> &lt; at and
/// (<c>resolved_at</c> empty or ≥ at)), as the backlog KPIs count it: one row per ticket and instant, with the
/// dimension a breakdown groups by. Built in the query (Sources/OpenTickets), never stored.
/// </summary>
public sealed class OpenTicket
{
    public DateTime At { get; init; }
    public DateTime CreatedAt { get; init; }
    /// <summary>The grouping's key (team name, agent id, lower-cased category) or null.</summary>
    public string? Dimension { get; init; }
    public Channel? Channel { get; init; }
}
