using System.Text.RegularExpressions;

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

    /// <summary>A CSV validation reason: a fixed text, or one with a number ("duplicate id: also on line N").</summary>
    public static string Reason(this Microsoft.Extensions.Localization.IStringLocalizer t, string reason)
    {
        foreach (var (template, pattern) in NumberedReasons)
        {
            if (pattern.Match(reason) is { Success: true } match)
                return t[template, match.Groups[1].Value].Value;
        }
        return t[reason].Value;
    }

    /// <summary>The engine's reasons that carry one number, each with the pattern that recognises it.</summary>
    private static readonly (string Template, Regex Pattern)[] NumberedReasons =
        [.. Core.Import.CsvProblem.Reasons.Prepend("duplicate id: also on line {0}")
            .Select(r => (r, NumberPattern(r)))];

    private static Regex NumberPattern(string template) =>
        new("^" + Regex.Escape(template).Replace("\\{0}", "(\\d+)", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant);
}
