using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace CsKpi.Web.Tests.Infrastructure;

/// <summary>
/// Pages read as a browser reads them (AngleSharp): elements found by CSS selector, entities decoded in text and
/// attributes, so a test names what it looks for instead of how the markup happens to be spelled.
/// </summary>
public static class Html
{
    public static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>A page's source with entities decoded (what text assertions search) and its parsed document.</summary>
    public static (string Text, IHtmlDocument Document) Read(string html) => (WebUtility.HtmlDecode(html), Parse(html));

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url) =>
        Parse(await client.GetStringAsync(url));

    /// <summary>The element a selector must find: a test that misses it fails naming the selector.</summary>
    public static IElement One(this IParentNode node, string selector) =>
        node.QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"No element matches '{selector}'.");

    public static int Count(this IParentNode node, string selector) => node.QuerySelectorAll(selector).Length;

    /// <summary>The antiforgery token of the first form on a page (empty when the page has none).</summary>
    public static string AntiforgeryToken(string html) =>
        Parse(html).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";

    /// <summary>The texts of a table row's data cells (<c>td</c>, not the row's <c>th</c>), trimmed.</summary>
    public static List<string> Cells(this IElement row) =>
        [.. row.QuerySelectorAll("td").Select(cell => cell.TextContent.Trim())];

    /// <summary>The value a KPI card on the overview shows (the paragraph after its title).</summary>
    public static string Card(this IParentNode page, string kpi) =>
        page.One($"[data-kpi='{kpi}'] > h3 + p.value").TextContent;

    /// <summary>The id of each record a records page lists.</summary>
    public static List<string> RecordIds(this IParentNode page) =>
        [.. page.QuerySelectorAll("tr[data-record]").Select(row => row.GetAttribute("data-record")!)];

    /// <summary>
    /// The fields a form sends as a browser would: inputs (checked ones only for radios and checkboxes), the selected
    /// option of each select (else its first), text areas. A name used twice keeps the last value.
    /// </summary>
    public static Dictionary<string, string> Fields(this IParentNode form)
    {
        var fields = new Dictionary<string, string>();
        foreach (var control in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = control.GetAttribute("name")!;
            switch (control)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.HasAttribute("checked"))
                        fields[name] = input.GetAttribute("value") ?? "on";
                    break;
                case IHtmlInputElement input when input.Type is "submit" or "button" or "file" or "reset" or "image":
                    break;
                case IHtmlSelectElement select:
                    var option = select.QuerySelector("option[selected]") ?? select.QuerySelector("option");
                    if (option is not null)
                        fields[name] = option.GetAttribute("value") ?? option.TextContent;
                    break;
                case IHtmlTextAreaElement area:
                    fields[name] = area.TextContent;
                    break;
                default:
                    fields[name] = control.GetAttribute("value") ?? "";
                    break;
            }
        }
        return fields;
    }
}
