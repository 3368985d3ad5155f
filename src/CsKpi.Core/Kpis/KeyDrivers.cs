using System.Data.Common;
using System.Linq.Expressions;
using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis;

/// <summary>One survey dimension: how many ratings, how strongly it moves the overall score, and how it is rated.</summary>
public sealed record DriverResult(string Dimension, long N, double? Importance, double? Performance);

/// <summary>
/// Key-driver analysis (kpis.md): for csat responses in the period with dim_* ratings, per dimension with at least
/// 10 ratings, importance = Pearson correlation of rating and overall score, performance = mean rating. The sums
/// come from one GROUP BY — over the daily rollups' cells per dimension when they can answer (sums of whole numbers,
/// so exactly the ratings' sums), else over the ratings; the correlation is computed by <see cref="KpiMath.Pearson"/>.
/// </summary>
/// <param name="useRollups">Off reads the ratings themselves: the same numbers, which the tests hold the rollups to.</param>
public sealed class KeyDrivers(KpiDbContext db, bool useRollups = true)
{
    public const int MinimumRatings = 10;

    public async Task<IReadOnlyList<DriverResult>> AnalyseAsync(ReportPeriod period, KpiFilters filters, CancellationToken cancellationToken = default)
    {
        var (fromUtc, toUtc) = (period.FromUtc, period.ToUtc());
        var sums = await new KpiReports(db) { UseRollups = useRollups }.RollupsAnswerAsync(period, filters, cancellationToken)
            ? await DailyRollups.DriverSumsAsync(db, filters, period.FromDate, period.ToDate, cancellationToken)
            : await filters.Apply(Ratings(db).Where(Paths.Timestamp.Then<RatedResponse, DateTime, bool>(ts => ts >= fromUtc && ts < toUtc)), Paths)
                .GroupBy(r => r.Dimension)
                .Select(g => new DriverSums(g.Key, g.LongCount(), g.Sum(v => (double)v.Rating), g.Sum(v => (double)v.Score),
                    g.Sum(v => (double)v.Rating * v.Score), g.Sum(v => (double)v.Rating * v.Rating), g.Sum(v => (double)v.Score * v.Score)))
                .ToListAsync(cancellationToken);
        return sums
            .Where(r => r.N >= MinimumRatings)
            .Select(r => new DriverResult(r.Dimension, r.N, KpiMath.Pearson(r.N, r.SumX, r.SumY, r.SumXy, r.SumXx, r.SumYy), KpiMath.Mean(r.SumX, r.N)))
            .OrderByDescending(r => r.Importance ?? double.MinValue)
            .ThenBy(r => r.Dimension, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The query of the rollup cells — local day, team, channel, lower-cased category, dimension, and the count and
    /// whole-number sums of the ratings — for the given local days (all when null), on the context's connection.
    /// </summary>
    internal static DbCommand Cells(KpiDbContext db, string zone, IReadOnlyList<DateTime>? days)
    {
        var day = DailyRollups.LocalDay(Paths.Timestamp, zone);
        var rating = day.Parameters[0];
        Expression Body<T>(Expression<Func<RatedResponse, T>> path) => Expressions.Replace(path.Body, path.Parameters[0], rating);
        MemberBinding Bind(string member, Expression value) => Expression.Bind(typeof(DriverCell).GetProperty(member)!, value);
        var cell = Expression.Lambda<Func<RatedResponse, DriverCell>>(Expression.MemberInit(Expression.New(typeof(DriverCell)),
            Bind(nameof(DriverCell.Day), day.Body),
            Bind(nameof(DriverCell.TeamId), Body(Paths.Agent.Then<RatedResponse, Agent?, int?>(a => a!.TeamId))),
            Bind(nameof(DriverCell.Channel), Body(Paths.Channel)),
            Bind(nameof(DriverCell.Category), Body(Paths.Category.Then<RatedResponse, string?, string?>(c => KpiSql.Lower(c)))),
            Bind(nameof(DriverCell.Dimension), Expression.Property(rating, nameof(RatedResponse.Dimension)))), rating);
        return DailyRollups.OnDays(Ratings(db), Paths.Timestamp, day, days)
            .GroupBy(cell)
            .Select(g => new
            {
                g.Key.Day,
                g.Key.TeamId,
                g.Key.Channel,
                g.Key.Category,
                g.Key.Dimension,
                N = g.LongCount(),
                SumX = g.Sum(v => (long)v.Rating),
                SumY = g.Sum(v => (long)v.Score),
                SumXy = g.Sum(v => (long)v.Rating * v.Score),
                SumXx = g.Sum(v => (long)v.Rating * v.Rating),
                SumYy = g.Sum(v => (long)v.Score * v.Score),
            })
            .CreateDbCommand();
    }

    /// <summary>Each dimension rating of a csat response, with the response it rates.</summary>
    private static IQueryable<RatedResponse> Ratings(KpiDbContext db) =>
        db.SurveyResponses.Where(s => s.Kind == SurveyKind.Csat)
            .SelectMany(s => s.Dimensions, (s, d) => new RatedResponse { Response = s, Dimension = d.Dimension, Rating = d.Rating, Score = s.Score });

    /// <summary>A rating reaches the filters through its response (<see cref="RecordPaths.Surveys"/>).</summary>
    private static readonly RecordPaths<RatedResponse> Paths = new(
        Via(RecordPaths.Surveys.Timestamp), Via(RecordPaths.Surveys.Agent), Via(RecordPaths.Surveys.Channel), Via(RecordPaths.Surveys.Category));

    private static Expression<Func<RatedResponse, T>> Via<T>(Expression<Func<SurveyResponse, T>> path) =>
        ((Expression<Func<RatedResponse, SurveyResponse>>)(r => r.Response)).Then(path);

    private sealed class RatedResponse
    {
        public required SurveyResponse Response { get; init; }
        public required string Dimension { get; init; }
        public short Rating { get; init; }
        public short Score { get; init; }
    }

    /// <summary>The key of a key-driver rollup cell.</summary>
    private sealed class DriverCell
    {
        public DateTime Day { get; init; }
        public int? TeamId { get; init; }
        public Channel? Channel { get; init; }
        public string? Category { get; init; }
        public string Dimension { get; init; } = "";
    }
}

/// <summary>The sums behind one dimension's importance and performance.</summary>
internal sealed record DriverSums(string Dimension, long N, double SumX, double SumY, double SumXy, double SumXx, double SumYy);
