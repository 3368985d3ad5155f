namespace CsKpi.Core.Model;

/// <summary>
/// A channel of the organisation's list (csv-formats.md, tickets.csv <c>channel</c>): its code as tickets and
/// interactions store it, its display name in each language of the app, and its place in lists.
/// </summary>
public class ListedChannel
{
    public required string Code { get; set; }
    public required string NameEn { get; set; }
    public required string NameIt { get; set; }
    public required string NamePl { get; set; }
    public required string NameNl { get; set; }
    public int Position { get; set; }

    /// <summary>The languages a channel is named in: the app's (en, it, pl, nl).</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "it", "pl", "nl"];

    /// <summary>The name in a language (its two-letter code); English for any other.</summary>
    public string Name(string language) => language switch
    {
        "it" => NameIt,
        "pl" => NamePl,
        "nl" => NameNl,
        _ => NameEn,
    };

    public void Rename(string language, string name)
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
