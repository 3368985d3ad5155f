namespace CsKpi.Web;

/// <summary>
/// The app's texts: English in the code (the key), Italian, Polish and Dutch in
/// Resources/SharedResource.{it,pl,nl}.resx, reached through <c>IStringLocalizer&lt;SharedResource&gt;</c>
/// (<c>T</c> in every view).
/// </summary>
public sealed class SharedResource;

/// <summary>Texts that come from the engine, in the viewer's language.</summary>
public static class Translations
{
    /// <summary>
    /// A refusal from the engine: its text as the key, its string values translated where they are texts too (KPI
    /// names).
    /// </summary>
    public static string Translate(
        this Microsoft.Extensions.Localization.IStringLocalizer t,
        Core.TranslatableException e) =>
        t[e.Format, [.. e.Arguments.Select(a => a is string s ? t[s].Value : a)]].Value;

    /// <summary>
    /// A CSV validation reason in the viewer's language: its fixed text translated, its argument filled in.
    /// </summary>
    public static string Reason(
        this Microsoft.Extensions.Localization.IStringLocalizer t,
        Core.Import.ImportError error) =>
        error.Argument is null ? t[error.Reason].Value : t[error.Reason, error.Argument].Value;
}
