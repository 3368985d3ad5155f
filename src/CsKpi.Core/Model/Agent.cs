namespace CsKpi.Core.Model;

public class Agent
{
    public int Id { get; set; }
    /// <summary>Loaded by <c>cskpi demo</c>; <c>cskpi demo --remove</c> deletes it (see DemoRemoval).</summary>
    public bool IsDemo { get; set; }
    /// <summary>The source system's id (csv <c>agent_id</c>).</summary>
    public required string SourceId { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public int? TeamId { get; set; }
    public Team? Team { get; set; }
}
