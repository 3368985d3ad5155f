namespace CsKpi.Core.Model;

/// <summary>
/// An admin's display names for a survey dimension (a csv <c>dim_*</c> column, stored without the prefix), one per
/// language of the app; a name left empty falls back (<see cref="Data.DimensionList"/>).
/// </summary>
public class DimensionName : NamedInLanguages
{
    public required string Dimension { get; set; }
}
