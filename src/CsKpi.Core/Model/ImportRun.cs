namespace CsKpi.Core.Model;

public enum ImportResult
{
    Succeeded,
    Rejected,
    Failed,
}

/// <summary>One upload or <c>cskpi import</c>: the import history admins see.</summary>
public class ImportRun
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string FileName { get; set; }
    public required string UserName { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public ImportResult Result { get; set; }
    public long Inserted { get; set; }
    public long Updated { get; set; }
    public long Unchanged { get; set; }
    public long Rejected { get; set; }
    public string? Message { get; set; }
}
