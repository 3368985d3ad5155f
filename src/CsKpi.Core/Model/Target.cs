namespace CsKpi.Core.Model;

/// <summary>An admin's target for a KPI, company-wide or for one team or channel.</summary>
public class Target
{
    public int Id { get; set; }
    public required string KpiKey { get; set; }
    public int? TeamId { get; set; }
    public Team? Team { get; set; }
    public Channel? Channel { get; set; }
    public double Value { get; set; }
}
