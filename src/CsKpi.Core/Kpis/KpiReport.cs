namespace CsKpi.Core.Kpis;

public sealed record KpiRequest(ReportPeriod Period, KpiFilters Filters, Grouping? GroupBy = null);

/// <summary>A KPI's value (null = no data), its value in the previous period, and the size of its denominator.</summary>
public sealed record KpiValue(double? Value, long Count, double? Previous = null, long? PreviousCount = null)
{
    public static readonly KpiValue NoData = new(null, 0);
}

/// <summary>One bucket or breakdown row: its key (yyyy-MM-dd for time buckets), a label for people, and its KPIs.</summary>
public sealed record KpiGroup(string? Key, string? Label, IReadOnlyDictionary<string, KpiValue> Kpis);

public sealed record KpiReport(
    KpiRequest Request,
    IReadOnlyDictionary<string, KpiValue> Kpis,
    IReadOnlyList<KpiGroup>? Groups,
    IReadOnlyList<string> Notes);
