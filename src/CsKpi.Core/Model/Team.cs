namespace CsKpi.Core.Model;

public class Team
{
    public int Id { get; set; }
    /// <summary>Loaded by <c>cskpi demo</c>; <c>cskpi demo --remove</c> deletes it (see DemoRemoval).</summary>
    public bool IsDemo { get; set; }
    public required string Name { get; set; }
    public List<Agent> Agents { get; } = [];
}
