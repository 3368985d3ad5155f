using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis;

/// <summary>One survey dimension: how many ratings, how strongly it moves the overall score, and how it is rated.</summary>
public sealed record DriverResult(string Dimension, long N, double? Importance, double? Performance);

/// <summary>
/// Key-driver analysis (kpis.md): for csat responses in the period with dim_* ratings, per dimension with at least
/// 10 ratings, importance = Pearson correlation of rating and overall score, performance = mean rating. The sums
/// come from one GROUP BY; the correlation is computed by <see cref="KpiMath.Pearson"/>.
/// </summary>
public sealed class KeyDrivers(KpiDbContext db)
{
    public const int MinimumRatings = 10;

    public async Task<IReadOnlyList<DriverResult>> AnalyseAsync(ReportPeriod period, KpiFilters filters, CancellationToken cancellationToken = default)
    {
        var (fromUtc, toUtc) = (period.FromUtc, period.ToUtc());
        var csat = filters.Apply(
            db.SurveyResponses.Where(s => s.Kind == SurveyKind.Csat && s.SubmittedAt >= fromUtc && s.SubmittedAt < toUtc),
            RecordPaths.Surveys);
        var sums = await (
            from d in db.DimensionRatings
            join s in csat on d.SurveyResponseId equals s.Id
            group new { X = (double)d.Rating, Y = (double)s.Score } by d.Dimension into g
            where g.Count() >= MinimumRatings
            select new
            {
                Dimension = g.Key,
                N = g.LongCount(),
                SumX = g.Sum(v => v.X),
                SumY = g.Sum(v => v.Y),
                SumXy = g.Sum(v => v.X * v.Y),
                SumXx = g.Sum(v => v.X * v.X),
                SumYy = g.Sum(v => v.Y * v.Y),
            }).ToListAsync(cancellationToken);
        return sums
            .Select(r => new DriverResult(r.Dimension, r.N, KpiMath.Pearson(r.N, r.SumX, r.SumY, r.SumXy, r.SumXx, r.SumYy), KpiMath.Mean(r.SumX, r.N)))
            .OrderByDescending(r => r.Importance ?? double.MinValue)
            .ThenBy(r => r.Dimension, StringComparer.Ordinal)
            .ToList();
    }
}
