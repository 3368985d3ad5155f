using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CsKpi.Web.Tests.Infrastructure;

/// <summary>A chart's data as a page embeds it: the records each point or bar links to, and its first series' values (null: no data).</summary>
public sealed record ChartJson(IReadOnlyList<string> Links, IReadOnlyList<double?> Values)
{
    public static ChartJson Read(string html, string chartId)
    {
        var json = Regex.Match(html, $"<script type=\"application/json\" id=\"{Regex.Escape(chartId)}-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        using var chart = JsonDocument.Parse(json);
        var root = chart.RootElement;
        var links = root.TryGetProperty("links", out var l) && l.ValueKind == JsonValueKind.Array
            ? l.EnumerateArray().Select(x => WebUtility.HtmlDecode(x.GetString()!)).ToList() : [];
        var values = root.GetProperty("series")[0].GetProperty("values").EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToList();
        return new ChartJson(links, values);
    }
}
