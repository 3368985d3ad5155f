namespace CsKpi.Core.Model;

/// <summary>
/// An import mapping saved under a name (its definition is <c>Import.ImportMapping</c> as JSON), reused for the
/// monthly upload.
/// </summary>
public class SavedMapping
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>
    /// The file's headers when it was saved: an upload with the same set of headers is offered this mapping.
    /// </summary>
    public required string[] Headers { get; set; }
    public required string Definition { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
}
