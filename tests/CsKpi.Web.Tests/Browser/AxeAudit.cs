using System.Text.Json;
using Microsoft.Playwright;

namespace CsKpi.Web.Tests.Browser;

/// <summary>
/// axe-core (vendored from npm in Browser/Axe, see docs/decisions.md) run on the page as it stands: the WCAG 2.0,
/// 2.1 and 2.2 A and AA rules and axe's best practices. Every violation, whatever its impact, is returned.
/// </summary>
public static class AxeAudit
{
    public static readonly string[] Tags =
        ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];

    private static readonly string ScriptPath = Path.Combine(AppContext.BaseDirectory, "Browser", "Axe", "axe.min.js");

    /// <summary>One failing rule on one page: the rule, its impact and help, and the elements (CSS selectors).
    /// </summary>
    public sealed record Violation(string Rule, string Impact, string Help, IReadOnlyList<string> Targets);

    public static async Task<IReadOnlyList<Violation>> RunAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = ScriptPath });
        var json = await page.EvaluateAsync<string>(
            """
            async tags => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
              return JSON.stringify(result.violations.map(v => ({
                rule: v.id, impact: v.impact ?? '', help: v.help,
                targets: v.nodes.map(n => n.target.join(' ')) })));
            }
            """, Tags);
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(v => new Violation(
            v.GetProperty("rule").GetString()!, v.GetProperty("impact").GetString()!,
            v.GetProperty("help").GetString()!,
            [.. v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!)]))];
    }
}
