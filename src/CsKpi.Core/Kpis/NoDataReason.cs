namespace CsKpi.Core.Kpis;

/// <summary>Why a KPI shows no value; the words are chosen where it is shown.</summary>
public enum NoDataReason
{
    /// <summary>The KPI's records: none in the period (no tickets created, no responses to the survey…).</summary>
    NoRecords,
    /// <summary>Resolved tickets, but none with an interaction (FCR's denominator).</summary>
    NoInteractions,
    /// <summary>Created tickets, but none with a first response.</summary>
    NoFirstResponses,
    /// <summary>Created tickets, but none with a customer id (repeat contact's denominator).</summary>
    NoCustomerIds,
    /// <summary>Survey numbers from fewer than <see cref="SurveyPrivacy.MinimumResponses"/> responses (privacy).
    /// </summary>
    Hidden,
}

/// <summary>
/// The real reason a KPI of a report has no value: privacy, else what its registry entry says empties its
/// denominator (<see cref="Kpi.EmptiedBy"/>) when the source has records in the period, else no records at all.
/// </summary>
public static class NoData
{
    /// <summary>Null when the KPI has a value. <paramref name="kpis"/> are the report's raw values (before privacy).
    /// </summary>
    public static NoDataReason? Reason(Kpi kpi, IReadOnlyDictionary<string, KpiValue> kpis)
    {
        var value = kpis[kpi.Key];
        if (SurveyPrivacy.Hides(kpi, value.Count))
            return NoDataReason.Hidden;
        if (value.Value is not null)
            return null;
        return kpi.EmptiedBy != NoDataReason.NoRecords && RecordCount(kpi.Source) is { } key
            && kpis.TryGetValue(key, out var records) && records.Count > 0
            ? kpi.EmptiedBy : NoDataReason.NoRecords;
    }

    /// <summary>A KPI whose count is every record of the source in the period.</summary>
    private static string? RecordCount(KpiSource source) => source switch
    {
        KpiSource.CreatedTickets => KpiRegistry.TicketVolume,
        KpiSource.ResolvedTickets => KpiRegistry.ReopenRate,
        KpiSource.Interactions => KpiRegistry.Aht,
        KpiSource.OpenTickets => KpiRegistry.Backlog,
        KpiSource.Surveys or KpiSource.Customers => null,
    };
}
