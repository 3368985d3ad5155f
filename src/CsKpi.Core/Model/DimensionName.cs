namespace CsKpi.Core.Model;

/// <summary>
/// An admin's display names for a survey dimension (a csv <c>dim_*</c> column, stored without the prefix), one per
/// language of the app; a name left empty falls back (<see cref="Data.DimensionList"/>).
/// </summary>
public class DimensionName
{
    public required string Dimension { get; set; }
    public string? NameEn { get; set; }
    public string? NameIt { get; set; }
    public string? NamePl { get; set; }
    public string? NameNl { get; set; }

    /// <summary>The name set for a language (its two-letter code), or null; English for any other code.</summary>
    public string? Name(string language) => language switch
    {
        "it" => NameIt,
        "pl" => NamePl,
        "nl" => NameNl,
        _ => NameEn,
    };

    public void Rename(string language, string? name)
    {
        switch (language)
        {
            case "en": NameEn = name; break;
            case "it": NameIt = name; break;
            case "pl": NamePl = name; break;
            case "nl": NameNl = name; break;
            default: throw new ArgumentOutOfRangeException(nameof(language), language, "Not a language of the app.");
        }
    }
}
