using System.Globalization;
using System.Text.Json;
using CsKpi.Core.Kpis;

namespace CsKpi.Web.Dashboard;

public sealed record ChartSeries(string Label, IReadOnlyList<double?> Values)
{
    /// <summary>A reference line (a target), drawn dashed, not a measured series.</summary>
    public bool Reference { get; init; }
}

/// <summary>
/// One chart: what wwwroot/js/{Kind}.js draws from its JSON, and what the "table view" under it lists. Kind is
/// trend (lines over time), bars, split (parts of a whole) or quadrant (x = first series, y = second).
/// </summary>
public sealed record ChartData(
    string Id, string Title, string Kind, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Formats the numbers and picks the axis steps by its unit; plain numbers when null.</summary>
    public Kpi? Kpi { get; init; }
    /// <summary>What the chart leaves out or why it is empty, shown under it.</summary>
    public string? Note { get; init; }
    /// <summary>The axis or legend text for plain numbers ("tickets").</summary>
    public string? Unit { get; init; }

    /// <summary>Per label, whether the period cuts that bucket (a trend's partial first or last week); null: none.
    /// </summary>
    public IReadOnlyList<bool>? Partial { get; init; }

    /// <summary>Per label, the page listing the records behind that point (null: none).</summary>
    public IReadOnlyList<string?>? Links { get; init; }

    public bool HasData => Series.Any(s => s.Values.Any(v => v is not null and not 0));

    /// <summary>
    /// What the script draws: the numbers, and beside them every text it shows (tooltips, axis ticks) formatted
    /// here by <see cref="Format"/>, in the page's culture; the script formats nothing.
    /// </summary>
    public string Json() => JsonSerializer.Serialize(new
    {
        Labels,
        Series = Series.Select(s => new { s.Label, s.Values, s.Reference, Texts = s.Values.Select(Format) }),
        Ticks = Kind is "trend" or "bars"
            ? ChartAxis.Ticks(Series.SelectMany(s => s.Values).OfType<double>(), Kpi?.Unit,
                fromZero: Kind == "bars", v => Format(v))
            : null,
        Kind,
        Links,
        Partial,
    }, JsonOptions);

    /// <summary>The one formatting of this chart's numbers: table view, tooltips and axis alike.</summary>
    public string Format(double? value) => Kpi is { } kpi
        ? KpiDisplay.Format(kpi, value, CultureInfo.CurrentCulture)
        : value?.ToString("#,0.##", CultureInfo.CurrentCulture) ?? KpiDisplay.NoData;
}
