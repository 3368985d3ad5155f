using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis.Sources;

/// <summary>One row of a GROUP BY: the group's key and its measures, in the order they were asked for.</summary>
public sealed class MeasureRow<TKey>
{
    public TKey Key { get; init; } = default!;
    public double?[] Values { get; init; } = [];
}

/// <summary>
/// GROUP BY a key with every measure as one element of a PostgreSQL array: one round trip, however many KPIs.
/// </summary>
internal static class GroupedMeasures
{
    public static Task<List<MeasureRow<TKey>>> MeasureAsync<T, TKey>(IQueryable<T> records,
        Expression<Func<T, TKey>> key, List<LambdaExpression> measures, CancellationToken cancellationToken) =>
        Query(records, key, measures).ToListAsync(cancellationToken);

    public static IQueryable<MeasureRow<TKey>> Query<T, TKey>(IQueryable<T> records, Expression<Func<T, TKey>> key,
        List<LambdaExpression> measures)
    {
        var group = Expression.Parameter(typeof(IGrouping<TKey, T>), "g");
        var values = measures.Select(m =>
            (Expression)Expression.Convert(Expressions.Replace(m.Body, m.Parameters[0], group), typeof(double?)));
        var row = Expression.MemberInit(Expression.New(typeof(MeasureRow<TKey>)),
            Expression.Bind(typeof(MeasureRow<TKey>).GetProperty(nameof(MeasureRow<TKey>.Key))!,
                Expression.Property(group, nameof(IGrouping<TKey, T>.Key))),
            Expression.Bind(typeof(MeasureRow<TKey>).GetProperty(nameof(MeasureRow<TKey>.Values))!,
                Expression.NewArrayInit(typeof(double?), values)));
        return records.GroupBy(key).Select(Expression.Lambda<Func<IGrouping<TKey, T>, MeasureRow<TKey>>>(row, group));
    }
}
