using System.Globalization;
using System.Text;
using System.Text.Json;
using CsKpi.Core.Model;

namespace CsKpi.Core.Kpis;

/// <summary>
/// The report as cli.md's JSON (also the API's shape) and as CSV. Full precision: only display rounds.
/// </summary>
public static class KpiReportWriter
{
    public static void WriteJson(Stream stream, KpiReport report)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var request = report.Request;
        json.WriteStartObject();
        json.WriteString("from", ReportPeriod.Format(request.Period.From));
        json.WriteString("to", ReportPeriod.Format(request.Period.To));
        json.WriteString("timezone", request.Period.TimeZone.Id);
        json.WriteStartObject("filters");
        WriteNullable(json, "team", request.Filters.Team);
        WriteNullable(json, "agent", request.Filters.Agent);
        WriteNullable(json, "channel", request.Filters.Channel?.Code());
        WriteNullable(json, "category", request.Filters.Category);
        json.WriteEndObject();
        json.WriteStartObject("kpis");
        foreach (var (key, value) in report.Kpis)
            WriteValue(json, key, value, withPrevious: true);
        json.WriteEndObject();
        if (report.Groups is { } groups)
        {
            json.WriteString("groupBy", request.GroupBy!.Value.Code());
            json.WriteStartArray("groups");
            foreach (var group in groups)
            {
                json.WriteStartObject();
                WriteNullable(json, "key", group.Key);
                if (group.Label != group.Key)
                    WriteNullable(json, "label", group.Label);
                json.WriteStartObject("kpis");
                foreach (var (key, value) in group.Kpis)
                    WriteValue(json, key, value, withPrevious: false);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        if (report.Notes.Count > 0)
        {
            json.WriteStartArray("notes");
            foreach (var note in report.Notes)
                json.WriteStringValue(note.Text);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    public static string ToJson(KpiReport report)
    {
        using var stream = new MemoryStream();
        WriteJson(stream, report);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Key drivers as cli.md's <c>drivers --format json</c> (also the API's shape).</summary>
    public static string ToJson(IReadOnlyList<DriverResult> drivers)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("dimensions");
            foreach (var d in drivers)
            {
                json.WriteStartObject();
                json.WriteString("dimension", d.Dimension);
                json.WriteNumber("n", d.N);
                WriteNullable(json, "importance", d.Importance);
                WriteNullable(json, "performance", d.Performance);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Long format, one KPI per line: kpi,value,previous,count — or group,kpi,value,count with a grouping.
    /// </summary>
    public static string ToCsv(KpiReport report)
    {
        var csv = new StringBuilder();
        if (report.Groups is { } groups)
        {
            csv.Append("group,kpi,value,count\n");
            foreach (var group in groups)
            {
                foreach (var (key, value) in group.Kpis)
                {
                    csv.Append(CultureInfo.InvariantCulture,
                        $"{Csv.Escape(group.Key ?? "")},{key},{Number(value.Value)},{value.Count}\n");
                }
            }
        }
        else
        {
            csv.Append("kpi,value,previous,count\n");
            foreach (var (key, value) in report.Kpis)
            {
                csv.Append(CultureInfo.InvariantCulture,
                    $"{key},{Number(value.Value)},{Number(value.Previous)},{value.Count}\n");
            }
        }
        return csv.ToString();
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static void WriteValue(Utf8JsonWriter json, string key, KpiValue value, bool withPrevious)
    {
        json.WriteStartObject(key);
        WriteNullable(json, "value", value.Value);
        if (withPrevious)
            WriteNullable(json, "previous", value.Previous);
        json.WriteNumber("count", value.Count);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
            json.WriteNumber(name, v);
        else
            json.WriteNull(name);
    }
}
