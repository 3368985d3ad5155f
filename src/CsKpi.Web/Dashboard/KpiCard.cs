using System.Globalization;
using System.Text.Json;
using CsKpi.Core.Kpis;
using CsKpi.Core.Kpis.Sources;

namespace CsKpi.Web.Dashboard;

/// <summary>
/// One KPI as a card shows it: value, change against the previous period, target status and sparkline.
/// </summary>
public sealed record KpiCard(
    Kpi Kpi, KpiValue Value, double? Target, TargetStatus? Status, IReadOnlyList<double?> Spark, string? Hint)
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    /// <param name="extents">The first and last record of each source (<see cref="RecordExtents"/>): where the
    /// period or its comparison reaches past them, the card says so; null: not known, nothing said.</param>
    public static KpiCard From(Kpi kpi, KpiReport report, KpiTargets targets, KpiFilters filters,
        IReadOnlyDictionary<KpiSource, RecordExtent>? extents = null)
    {
        var value = Visible(kpi, report.Kpis[kpi.Key]);
        var spark = report.Groups?.Select(g => Visible(kpi, g.Kpis[kpi.Key]).Value).ToList() ?? [];
        var target = targets.For(kpi.Key, filters);
        var period = report.Request.Period;
        return new KpiCard(kpi, value, target, KpiMath.Status(value.Value, target, kpi.Direction), spark,
            NoDataHint(kpi, report.Kpis))
        {
            SparkHidden = TrendGaps.Hidden(kpi, report.Groups ?? []),
            SparkBucket = report.Request.GroupBy?.AsTimeBucket(),
            Comparison = period.Comparison,
            Coverage = extents is null ? [] : DataCoverage.Notes(period, extents.GetValueOrDefault(kpi.Source)),
        };
    }

    /// <summary>Sparkline buckets hidden by the privacy rule.</summary>
    public int SparkHidden { get; init; }
    public TimeBucket? SparkBucket { get; init; }

    /// <summary>Whether the card draws a sparkline: it needs two points.</summary>
    public bool HasSpark => Spark.Count(v => v is not null) > 1;

    /// <summary>What the change is against: the previous period or the same period a year earlier.</summary>
    public Comparison Comparison { get; init; }

    /// <summary>Where the period or its comparison reaches outside the KPI's data.</summary>
    public IReadOnlyList<CoverageNote> Coverage { get; init; } = [];

    /// <summary>The comparison period holds no record at all: no change is shown, the coverage note says why.
    /// </summary>
    public bool NothingToCompare => Coverage.Any(n => n.LeavesNothingToCompare);

    /// <summary>The value with survey numbers from fewer than 5 responses hidden (privacy, kpis.md).</summary>
    public static KpiValue Visible(Kpi kpi, KpiValue value) => SurveyPrivacy.Apply(kpi, value);

    public string Display => KpiDisplay.Format(Kpi, Value.Value, Culture);

    public double? Change => NothingToCompare ? null : KpiDisplay.Change(Value.Value, Value.Previous);

    /// <summary>
    /// "good", "bad" or "flat": the arrow's colour follows the KPI's direction (a falling AHT is good).
    /// </summary>
    public string ChangeClass => ChangeClassOf(Kpi, Change);

    public string? ChangeText => ChangeTextOf(Kpi, Change);

    /// <summary>good / bad / flat: a change coloured by the KPI's direction (a falling AHT is good).</summary>
    public static string ChangeClassOf(Kpi kpi, double? change) => ChangeDisplay.Class(kpi, change);

    /// <summary>An arrow and the signed difference (none for zero), or null when either side has no data.</summary>
    public static string? ChangeTextOf(Kpi kpi, double? change) => ChangeDisplay.Text(kpi, change);

    public string? TargetText => Target is { } target ? KpiDisplay.Format(Kpi, target, Culture) : null;

    public string SparkJson => JsonSerializer.Serialize(Spark);

    /// <summary>"vs previous period" or "vs a year earlier" (English: the page translates it).</summary>
    public string ChangeAgainst => Comparison == Comparison.YearEarlier ? "vs a year earlier" : "vs previous period";

    /// <summary>What the card says when either side has no data (English: the page translates it).</summary>
    public string NothingAgainst => Comparison == Comparison.YearEarlier
        ? "No data a year earlier to compare"
        : "No previous period to compare";

    /// <summary>A coverage note in words (English, a {0} for the record's date: the page translates it).</summary>
    public static string CoverageText(CoverageCode code) => code switch
    {
        CoverageCode.PeriodStartsBeforeData => "The period starts before the data (first record {0}).",
        CoverageCode.PeriodEndsAfterData => "The period ends after the data (last record {0}).",
        CoverageCode.ComparisonStartsBeforeData => "The comparison period starts before the data (first record {0}).",
        CoverageCode.ComparisonEndsAfterData => "The comparison period ends after the data (last record {0}).",
        CoverageCode.ComparisonBeforeData =>
            "No change shown: the comparison period is before the data (first record {0}).",
        CoverageCode.ComparisonAfterData =>
            "No change shown: the comparison period is after the data (last record {0}).",
    };

    /// <summary>A record's date as the coverage notes show it: "3 Mar 2025" in the page's culture.</summary>
    public static string CoverageDate(CoverageNote note) => note.Date.ToString("d MMM yyyy", Culture);

    /// <summary>Why a KPI shows "—", from the report's raw values: the real reason (<see cref="NoData"/>).</summary>
    public static string? NoDataHint(Kpi kpi, IReadOnlyDictionary<string, KpiValue> kpis) =>
        NoData.Reason(kpi, kpis) is { } reason ? NoDataHint(kpi, reason) : null;

    /// <summary>A reason in words (English: the page translates it).</summary>
    public static string NoDataHint(Kpi kpi, NoDataReason reason) => reason switch
    {
        NoDataReason.Hidden =>
            $"Hidden: fewer than {SurveyPrivacy.MinimumResponses} responses could identify people.",
        NoDataReason.NoInteractions => "No resolved ticket in the period has an interaction: upload interactions.",
        NoDataReason.NoFirstResponses => "No tickets with a first response in the period.",
        NoDataReason.NoCustomerIds => "No ticket created in the period has a customer id.",
        NoDataReason.NoRecords => kpi.Source switch
        {
            KpiSource.Surveys => "No responses to this survey in the period.",
            KpiSource.CreatedTickets => "No tickets created in the period.",
            KpiSource.ResolvedTickets => "No tickets resolved in the period.",
            KpiSource.Interactions => "No interactions in the period.",
            KpiSource.Customers => "No customers with a customer-since date: upload customers.",
            KpiSource.OpenTickets => "No tickets open at the end of the period.",
        },
    };
}
