using System.Data.Common;
using System.Linq.Expressions;
using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis.Sources;

/// <summary>The sums behind one dimension's importance and performance (key drivers).</summary>
internal sealed record DriverSums(string Dimension, long N, double SumX, double SumY, double SumXy, double SumXx,
    double SumYy);

/// <summary>
/// The key drivers' records: each dimension rating of a csat response, with the response it rates — how they reach
/// the filters, and the query of the cells the daily rollups keep of them.
/// </summary>
internal static class RatedResponses
{
    /// <summary>Each dimension rating of a csat response, with the response it rates.</summary>
    public static IQueryable<RatedResponse> Of(KpiDbContext db) =>
        db.SurveyResponses.Where(s => s.Kind == SurveyKind.Csat)
            .SelectMany(s => s.Dimensions, (s, d) =>
                new RatedResponse { Response = s, Dimension = d.Dimension, Rating = d.Rating, Score = s.Score });

    /// <summary>A rating reaches the filters through its response (<see cref="RecordPaths.Surveys"/>).</summary>
    public static readonly RecordPaths<RatedResponse> Paths = new(
        Via(RecordPaths.Surveys.Timestamp), Via(RecordPaths.Surveys.Agent), Via(RecordPaths.Surveys.Ticket),
        Via(RecordPaths.Surveys.Channel), Via(RecordPaths.Surveys.Category));

    /// <summary>
    /// The query of the rollup cells — local day, team, channel, lower-cased category, dimension, and the count and
    /// whole-number sums of the ratings — for the given local days (all when null), on the context's connection.
    /// </summary>
    public static DbCommand Cells(KpiDbContext db, string zone, IReadOnlyList<DateTime>? days)
    {
        var day = LocalDays.Of(Paths.Timestamp, zone);
        var rating = day.Parameters[0];
        Expression Body<T>(Expression<Func<RatedResponse, T>> path) =>
            Expressions.Replace(path.Body, path.Parameters[0], rating);
        MemberBinding Bind(string member, Expression value) =>
            Expression.Bind(typeof(DriverCell).GetProperty(member)!, value);
        var cell = Expression.Lambda<Func<RatedResponse, DriverCell>>(Expression.MemberInit(
            Expression.New(typeof(DriverCell)),
            Bind(nameof(DriverCell.Day), day.Body),
            Bind(nameof(DriverCell.TeamId), Body(Paths.TeamId)),
            Bind(nameof(DriverCell.Channel), Body(Paths.Channel)),
            Bind(nameof(DriverCell.Category),
                Body(Paths.Category.Then<RatedResponse, string?, string?>(c => KpiSql.Lower(c)))),
            Bind(nameof(DriverCell.Dimension), Expression.Property(rating, nameof(RatedResponse.Dimension)))), rating);
        return LocalDays.On(Of(db), Paths.Timestamp, day, days)
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

    private static Expression<Func<RatedResponse, T>> Via<T>(Expression<Func<SurveyResponse, T>> path) =>
        ((Expression<Func<RatedResponse, SurveyResponse>>)(r => r.Response)).Then(path);

    internal sealed class RatedResponse
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
