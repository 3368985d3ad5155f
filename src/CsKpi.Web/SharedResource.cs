namespace CsKpi.Web;

/// <summary>
/// The app's texts: English in the code (the key), Italian, Polish and Dutch in Resources/SharedResource.{it,pl,nl}.resx,
/// reached through <c>IStringLocalizer&lt;SharedResource&gt;</c> (<c>T</c> in every view).
/// </summary>
public sealed class SharedResource;

/// <summary>Texts that come from the engine, in the viewer's language.</summary>
public static partial class Translations
{
    /// <summary>A refusal from the engine: its text as the key, its string values translated where they are texts too (KPI names).</summary>
    public static string Translate(this Microsoft.Extensions.Localization.IStringLocalizer t, Core.TranslatableException e) =>
        t[e.Format, [.. e.Arguments.Select(a => a is string s ? t[s].Value : a)]].Value;

    /// <summary>A CSV validation reason: a fixed text, or "duplicate id: also on line N".</summary>
    public static string Reason(this Microsoft.Extensions.Localization.IStringLocalizer t, string reason) =>
        DuplicateLine().Match(reason) is { Success: true } duplicate
            ? t["duplicate id: also on line {0}", duplicate.Groups[1].Value].Value
            : t[reason].Value;

    [System.Text.RegularExpressions.GeneratedRegex("^duplicate id: also on line (\\d+)$")]
    private static partial System.Text.RegularExpressions.Regex DuplicateLine();
}
