namespace CsKpi.Core.Kpis;

public sealed record KpiRequest(ReportPeriod Period, KpiFilters Filters, Grouping? GroupBy = null);

/// <summary>
/// A KPI's value (null = no data), its value in the previous period, and the size of its denominator.
/// </summary>
public sealed record KpiValue(double? Value, long Count, double? Previous = null, long? PreviousCount = null)
{
    public static readonly KpiValue NoData = new(null, 0);
}

/// <summary>
/// One bucket or breakdown row: its key (yyyy-MM-dd for time buckets), a label for people, and its KPIs.
/// </summary>
public sealed record KpiGroup(string? Key, string? Label, IReadOnlyDictionary<string, KpiValue> Kpis);

public sealed record KpiReport(
    KpiRequest Request,
    IReadOnlyDictionary<string, KpiValue> Kpis,
    IReadOnlyList<KpiGroup>? Groups,
    IReadOnlyList<ReportNote> Notes);

/// <summary>What a report remarks on; the words are chosen where it is shown.</summary>
public enum ReportNoteCode
{
    /// <summary>Churn and retention ignore the filters named in the argument (comma-separated filter names).</summary>
    CustomersCompanyWide,

    /// <summary>Churn and retention are not broken down by the grouping in the argument.</summary>
    CustomersNotBrokenDown,

    /// <summary>Survey numbers from fewer responses than the argument are hidden.</summary>
    SurveysHidden,
}

/// <summary>
/// A remark about a report as a code and its argument, so each reader gets it in their language: the command line
/// and the JSON report in English (<see cref="Text"/>), pages through their translations.
/// </summary>
public sealed record ReportNote(ReportNoteCode Code, string Argument)
{
    public string Text => Code switch
    {
        ReportNoteCode.CustomersCompanyWide =>
            $"churn and retention are company-wide: the {string.Join(" and ", Argument.Split(','))} filter does not "
            + "apply to them",
        ReportNoteCode.CustomersNotBrokenDown =>
            $"churn and retention are company-wide and not broken down by {Argument}",
        ReportNoteCode.SurveysHidden =>
            $"Survey numbers from fewer than {Argument} responses are hidden (null): they could identify the people "
            + "who answered.",
    };

    public override string ToString() => Text;
}
