using System.Linq.Expressions;
using CsKpi.Core.Model;

namespace CsKpi.Core.Kpis;

/// <summary>
/// One bar of the first-response histogram: [From, To) seconds (To null = open-ended) and its ticket count.
/// </summary>
public sealed record ResponseTimeBucket(string Label, double From, double? To, long Tickets);

/// <summary>
/// The bars of the first-response histogram, each a count over created tickets with a first response (as the
/// first_response KPIs): defined once for the histogram, its drill-through and the daily rollups that hold them.
/// </summary>
public static class FirstResponseWaits
{
    /// <summary>Bucket upper bounds in seconds: 5 min, 15 min, 1 h, 4 h, 24 h.</summary>
    public static readonly IReadOnlyList<(string Label, double UpTo)> Bounds =
        [("< 5 min", 300), ("5–15 min", 900), ("15–60 min", 3600), ("1–4 h", 14_400), ("4–24 h", 86_400)];

    public const string OverLastBound = "> 24 h";

    /// <summary>
    /// Bucket <paramref name="index"/> (0 … Bounds.Count, the last open-ended) without its count: its label and
    /// [From, To) seconds.
    /// </summary>
    public static ResponseTimeBucket Bucket(int index) => new(
        index < Bounds.Count ? Bounds[index].Label : OverLastBound,
        index == 0 ? 0 : Bounds[index - 1].UpTo,
        index < Bounds.Count ? Bounds[index].UpTo : null,
        0);

    /// <summary>The count of each bucket as a measure over created tickets.</summary>
    internal static readonly List<LambdaExpression> Measures = Enumerable.Range(0, Bounds.Count + 1)
        .Select(i => (LambdaExpression)Waited(Bucket(i).From is > 0 and var from ? from : null, Bucket(i).To))
        .ToList();

    /// <summary>
    /// <c>g =&gt; g.Count(t =&gt; t.FirstResponseAt != null &amp;&amp; from &lt;= seconds &amp;&amp; seconds &lt;
    /// to)</c>,
    /// the bounds as constants.
    /// </summary>
    private static Expression<Func<IEnumerable<Ticket>, double?>> Waited(double? from, double? to)
    {
        Expression<Func<Ticket, double>> seconds = t => (t.FirstResponseAt!.Value - t.CreatedAt).TotalSeconds;
        var ticket = seconds.Parameters[0];
        Expression test = Expression.NotEqual(Expression.Property(ticket, nameof(Ticket.FirstResponseAt)),
            Expression.Constant(null, typeof(DateTime?)));
        if (from is { } low)
            test = Expression.AndAlso(test, Expression.GreaterThanOrEqual(seconds.Body, Expression.Constant(low)));
        if (to is { } high)
            test = Expression.AndAlso(test, Expression.LessThan(seconds.Body, Expression.Constant(high)));
        var tickets = Expression.Parameter(typeof(IEnumerable<Ticket>), "g");
        var count = Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(Ticket)], tickets,
            Expression.Lambda<Func<Ticket, bool>>(test, ticket));
        return Expression.Lambda<Func<IEnumerable<Ticket>, double?>>(
            Expression.Convert(count, typeof(double?)), tickets);
    }
}
