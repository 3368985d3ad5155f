namespace CsKpi.Core.Model;

/// <summary>
/// A channel of the organisation's list (csv-formats.md, tickets.csv <c>channel</c>): its code as tickets and
/// interactions store it, its display name in each language of the app (never null: empty when not given), and its
/// place in lists.
/// </summary>
public class ListedChannel : NamedInLanguages
{
    public required string Code { get; set; }
    public int Position { get; set; }
}
