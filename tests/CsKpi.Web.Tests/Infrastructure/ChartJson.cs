using System.Net;
using System.Text.Json;
using AngleSharp.Dom;

namespace CsKpi.Web.Tests.Infrastructure;

/// <summary>
/// A chart's data as a page embeds it: the records each point or bar links to, and its first series' values (null:
/// no data).
/// </summary>
public sealed record ChartJson(IReadOnlyList<string> Links, IReadOnlyList<double?> Values)
{
    /// <summary>The JSON in the chart's <c>script</c> element with the id <c>{chartId}-data</c>.</summary>
    public static ChartJson Read(IParentNode page, string chartId)
    {
        var script = page.One($"script[type='application/json'][id='{chartId}-data']");
        using var chart = JsonDocument.Parse(script.TextContent);
        var root = chart.RootElement;
        var links = root.TryGetProperty("links", out var l) && l.ValueKind == JsonValueKind.Array
            ? l.EnumerateArray().Select(x => WebUtility.HtmlDecode(x.GetString()!)).ToList() : [];
        var values = root.GetProperty("series")[0].GetProperty("values").EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToList();
        return new ChartJson(links, values);
    }
}
