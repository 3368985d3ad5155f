namespace CsKpi.Core.Kpis.Reports;

/// <summary>One report from parts measured side by side (the overview's), exactly the report of them all.</summary>
public static class ReportAssembly
{
    /// <summary>
    /// Reports of some of the KPIs each (<see cref="KpiReports.RunAsync(KpiRequest, IReadOnlyCollection{string}?,
    /// CancellationToken)"/>, for <paramref name="request"/> or for its totals only) and groups of some of the KPIs
    /// each (<see cref="KpiReports.GroupsAsync"/>), assembled.
    /// </summary>
    public static KpiReport Assemble(KpiRequest request, IReadOnlyList<KpiReport> parts,
        IReadOnlyList<IReadOnlyList<KpiGroup>> groupParts)
    {
        if (parts.Any(p => p.Request != request && p.Request != request with { GroupBy = null }))
            throw new ArgumentException("Parts of one report answer the same request, or its totals.", nameof(parts));
        var kpis = new Dictionary<string, KpiValue>();
        foreach (var part in parts)
        {
            foreach (var (key, value) in part.Kpis)
                kpis.Add(key, value);
        }
        var notes = parts.SelectMany(p => p.Notes).ToList();
        List<KpiGroup>? groups = null;
        if (request.GroupBy is { } grouping)
        {
            var lists = parts.Where(p => p.Groups is not null).Select(p => p.Groups!).Concat(groupParts).ToList();
            groups = [];
            for (var i = 0; i < lists[0].Count; i++)
            {
                var same = lists.Select(l => l[i]).ToList();
                if (same.Any(g => g.Key != same[0].Key) || lists.Any(l => l.Count != lists[0].Count))
                {
                    throw new ArgumentException("Parts of one report have the same groups in the same order.",
                        nameof(groupParts));
                }
                groups.Add(same[0] with { Kpis = KpiValues.Ordered(same.SelectMany(g => g.Kpis).ToDictionary()) });
            }
            if (grouping.AsTimeBucket() is null)
                notes.Add(NotBrokenDown(grouping));
        }
        return new KpiReport(request, KpiValues.Ordered(kpis), groups, notes.Distinct().ToList());
    }

    /// <summary>The note that churn and retention are not broken down by a dimension.</summary>
    internal static ReportNote NotBrokenDown(Grouping grouping) =>
        new(ReportNoteCode.CustomersNotBrokenDown, grouping.Code());
}
