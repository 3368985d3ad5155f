using CsKpi.Core.Data;
using CsKpi.Core.Kpis.Rollups;
using CsKpi.Core.Kpis.Sources;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis.Analyses;

/// <summary>
/// Key-driver analysis (kpis.md): for csat responses in the period with dim_* ratings, per dimension with at least
/// 10 ratings, importance = Pearson correlation of rating and overall score, performance = mean rating. The sums
/// come from one GROUP BY — over the daily rollups' cells per dimension when they can answer (sums of whole numbers,
/// so exactly the ratings' sums), else over the ratings (<see cref="RatedResponses"/>); the correlation is computed by
/// <see cref="KpiMath.Pearson"/>.
/// </summary>
public sealed class KeyDrivers(KpiDbContext db, KpiEngineOptions? options = null)
{
    public const int MinimumRatings = 10;

    public async Task<IReadOnlyList<DriverResult>> AnalyseAsync(ReportPeriod period, KpiFilters filters,
        CancellationToken cancellationToken = default)
    {
        var rollups = new RollupChoice(db, options ?? KpiEngineOptions.Default);
        var sums = await rollups.AnswersAsync(period, filters, cancellationToken)
            ? await RollupReads.DriverSumsAsync(db, filters, period.FromDate, period.ToDate, cancellationToken)
            : await RawSumsAsync(period, filters, cancellationToken);
        return sums
            .Where(r => r.N >= MinimumRatings)
            .Select(r => new DriverResult(r.Dimension, r.N,
                KpiMath.Pearson(r.N, r.SumX, r.SumY, r.SumXy, r.SumXx, r.SumYy), KpiMath.Mean(r.SumX, r.N)))
            .OrderByDescending(r => r.Importance ?? double.MinValue)
            .ThenBy(r => r.Dimension, StringComparer.Ordinal)
            .ToList();
    }

    private Task<List<DriverSums>> RawSumsAsync(ReportPeriod period, KpiFilters filters,
        CancellationToken cancellationToken)
    {
        var (fromUtc, toUtc) = (period.FromUtc, period.ToUtc());
        var paths = RatedResponses.Paths;
        var inPeriod = paths.Timestamp.Then<RatedResponses.RatedResponse, DateTime, bool>(
            ts => ts >= fromUtc && ts < toUtc);
        return filters.Apply(RatedResponses.Of(db).Where(inPeriod), paths)
            .GroupBy(r => r.Dimension)
            .Select(g => new DriverSums(g.Key, g.LongCount(), g.Sum(v => (double)v.Rating),
                g.Sum(v => (double)v.Score), g.Sum(v => (double)v.Rating * v.Score),
                g.Sum(v => (double)v.Rating * v.Rating), g.Sum(v => (double)v.Score * v.Score)))
            .ToListAsync(cancellationToken);
    }
}
