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
/// Why some points of a chart are missing although there were records: the privacy rule hid buckets with fewer than
/// 5 responses. <paramref name="Link"/> opens the same view in larger buckets, where fewer are hidden.
/// </summary>
public sealed record ChartGap(string Text, string? Link = null, string? LinkText = null);

/// <summary>
/// One chart: what wwwroot/js/{Kind}.js draws from its JSON, and what the "table view" under it lists. Kind is
/// trend (lines over time), bars, split (parts of a whole) or quadrant (x = first series, y = second).
/// </summary>
public sealed record ChartData(
    string Id, string Title, string Kind, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Formats the numbers and picks the axis by its unit and scale; plain numbers when null.</summary>
    public Kpi? Kpi { get; init; }
    /// <summary>What the chart leaves out or why it is empty, shown under it.</summary>
    public string? Note { get; init; }
    /// <summary>Buckets hidden by the privacy rule, said next to the chart.</summary>
    public ChartGap? Gap { get; init; }
    /// <summary>The axis or legend text for plain numbers ("tickets").</summary>
    public string? Unit { get; init; }
    /// <summary>The value axis's full scale when the KPI does not give it (a dimension's 1–5 rating).</summary>
    public (double Min, double Max, double Step)? Scale { get; init; }
    /// <summary>The quadrant's x axis scale (its y is <see cref="Scale"/>).</summary>
    public (double Min, double Max, double Step)? XScale { get; init; }
    public string? XTitle { get; init; }
    public string? YTitle { get; init; }

    /// <summary>Per label, whether the period cuts that bucket (a trend's partial first or last week); null: none.
    /// </summary>
    public IReadOnlyList<bool>? Partial { get; init; }

    /// <summary>Per label, the page listing the records behind that point (null: none).</summary>
    public IReadOnlyList<string?>? Links { get; init; }

    public bool HasData => Series.Any(s => !s.Reference && s.Values.Any(v => v is not null and not 0));

    /// <summary>A trend or quadrant can be zoomed to its data; bars always start at their baseline.</summary>
    public bool CanZoom => Kind is "trend" or "quadrant";

    /// <summary>
    /// What the script draws: the numbers, and beside them every text it shows (tooltips, axis ticks) formatted
    /// here by <see cref="Format"/>, in the page's culture; the script formats nothing. Lines are straight between
    /// points (tension 0): a curve would draw values no bucket had.
    /// </summary>
    public string Json() => JsonSerializer.Serialize(new
    {
        Labels,
        Series = Series.Select(s => new { s.Label, s.Values, s.Reference, Texts = s.Values.Select(Format) }),
        Kind,
        Links,
        Locale = CultureInfo.CurrentCulture.Name,
        Tension = 0,
        X = XAxis(zoomed: false),
        Y = YAxis(zoomed: false),
        Zoom = CanZoom ? new { X = XAxis(zoomed: true), Y = YAxis(zoomed: true) } : null,
        Partial,
    }, JsonOptions);

    /// <summary>The one formatting of this chart's numbers: table view, tooltips and axis alike.</summary>
    public string Format(double? value) => Kpi is { } kpi
        ? KpiDisplay.Format(kpi, value, CultureInfo.CurrentCulture)
        : value?.ToString("#,0.##", CultureInfo.CurrentCulture) ?? KpiDisplay.NoData;

    private object? YAxis(bool zoomed)
    {
        if (Kind is not ("trend" or "bars" or "quadrant"))
            return null;
        var values = Kind == "quadrant" ? Values(Series[^1]) : Series.SelectMany(Values);
        var scale = Scale ?? (Kpi is { } kpi ? ChartAxis.Scale(kpi) : null);
        return Axis(values, scale, YTitle, zoomed);
    }

    private object? XAxis(bool zoomed) =>
        Kind == "quadrant" ? Axis(Values(Series[0]), XScale, XTitle, zoomed) : XTitle is null ? null : new
        {
            Title = XTitle,
        };

    private object Axis(IEnumerable<double> values, (double, double, double)? scale, string? title, bool zoomed)
    {
        var axis = zoomed
            ? ChartAxis.Zoomed(values, Kpi?.Unit, v => Format(v))
            : ChartAxis.Full(values, Kpi?.Unit, scale, v => Format(v));
        return new { axis.Min, axis.Max, axis.Ticks, Title = title };
    }

    private static IEnumerable<double> Values(ChartSeries series) => series.Values.OfType<double>();
}
