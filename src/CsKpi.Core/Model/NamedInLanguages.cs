namespace CsKpi.Core.Model;

/// <summary>
/// A record an admin names in each language of the app (en, it, pl, nl): listed channels, survey dimensions.
/// </summary>
public abstract class NamedInLanguages
{
    /// <summary>The app's languages, by two-letter code.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "it", "pl", "nl"];

    public string? NameEn { get; set; }
    public string? NameIt { get; set; }
    public string? NamePl { get; set; }
    public string? NameNl { get; set; }

    /// <summary>The name set for a language (its two-letter code); English for any other code.</summary>
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
