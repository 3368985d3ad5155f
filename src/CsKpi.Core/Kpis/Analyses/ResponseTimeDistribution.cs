using CsKpi.Core.Data;
using CsKpi.Core.Kpis.Reports;

namespace CsKpi.Core.Kpis.Analyses;

/// <summary>
/// How long customers wait for a first response: tickets created in the period with a first response (as the
/// first_response KPIs), counted per bucket of <see cref="FirstResponseWaits"/> — six counts measured like the
/// report's (from the daily rollups when they hold the period, else in one aggregate over the tickets).
/// </summary>
public sealed class ResponseTimeDistribution(KpiDbContext db, KpiEngineOptions? options = null)
{
    /// <inheritdoc cref="FirstResponseWaits.Bounds"/>
    public static IReadOnlyList<(string Label, double UpTo)> Bounds => FirstResponseWaits.Bounds;

    public const string OverLastBound = FirstResponseWaits.OverLastBound;

    /// <inheritdoc cref="FirstResponseWaits.Bucket"/>
    public static ResponseTimeBucket Bucket(int index) => FirstResponseWaits.Bucket(index);

    public async Task<IReadOnlyList<ResponseTimeBucket>> AnalyseAsync(ReportPeriod period, KpiFilters filters,
        CancellationToken cancellationToken = default)
    {
        var counts = await new KpiReports(db, options).TotalsAsync(KpiSource.CreatedTickets, period, filters,
            FirstResponseWaits.Measures, cancellationToken);
        return Enumerable.Range(0, Bounds.Count + 1)
            .Select(i => Bucket(i) with { Tickets = (long)(counts[i] ?? 0) })
            .ToList();
    }
}
