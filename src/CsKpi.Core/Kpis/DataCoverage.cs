namespace CsKpi.Core.Kpis;

/// <summary>The first and last local dates that hold a record of one record source.</summary>
public sealed record RecordExtent(DateOnly First, DateOnly Last);

/// <summary>How a period or its comparison period reaches past the data.</summary>
public enum CoverageCode
{
    /// <summary>The period starts before the first record (its date is the note's).</summary>
    PeriodStartsBeforeData,
    /// <summary>The period ends after the last record.</summary>
    PeriodEndsAfterData,
    /// <summary>The comparison period starts before the first record but holds some data.</summary>
    ComparisonStartsBeforeData,
    /// <summary>The comparison period ends after the last record but holds some data.</summary>
    ComparisonEndsAfterData,
    /// <summary>The whole comparison period lies before the first record: nothing to compare with.</summary>
    ComparisonBeforeData,
    /// <summary>The whole comparison period lies after the last record: nothing to compare with.</summary>
    ComparisonAfterData,
}

/// <summary>A remark that a period reaches outside the data, with the first or last record's date.</summary>
public sealed record CoverageNote(CoverageCode Code, DateOnly Date)
{
    /// <summary>The comparison period holds no record at all, so a change against it means nothing.</summary>
    public bool LeavesNothingToCompare => Code is CoverageCode.ComparisonBeforeData or CoverageCode.ComparisonAfterData;
}

/// <summary>
/// Where a period and the period it is compared with reach outside the data of a KPI's records: before the first
/// record or after the last one, whole days in the organisation's zone. A volume of 0 in a quarter before the data
/// starts is not a quarter without tickets.
/// </summary>
public static class DataCoverage
{
    public static IReadOnlyList<CoverageNote> Notes(ReportPeriod period, RecordExtent? extent)
    {
        if (extent is null)
            return []; // no record at all: the KPI says "no data" and why
        var notes = new List<CoverageNote>();
        if (period.FromDate < extent.First)
            notes.Add(new(CoverageCode.PeriodStartsBeforeData, extent.First));
        if (period.LastDate > extent.Last)
            notes.Add(new(CoverageCode.PeriodEndsAfterData, extent.Last));
        var compared = period.Compared;
        if (compared.LastDate < extent.First)
            notes.Add(new(CoverageCode.ComparisonBeforeData, extent.First));
        else if (compared.FromDate > extent.Last)
            notes.Add(new(CoverageCode.ComparisonAfterData, extent.Last));
        else
        {
            if (compared.FromDate < extent.First)
                notes.Add(new(CoverageCode.ComparisonStartsBeforeData, extent.First));
            if (compared.LastDate > extent.Last)
                notes.Add(new(CoverageCode.ComparisonEndsAfterData, extent.Last));
        }
        return notes;
    }
}
