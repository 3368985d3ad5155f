using System.Linq.Expressions;
using CsKpi.Core.Data;

namespace CsKpi.Core.Kpis.Sources;

/// <summary>
/// What a measure is made of, and so whether the daily rollups can hold it: additive measures are summed per cell,
/// percentiles are taken from each day's sorted values; anything else is read from the raw rows.
/// </summary>
public static class MeasureKinds
{
    /// <summary>
    /// A measure is additive when it is built from counts and sums of whole numbers (+ and − of them): the sum over
    /// cells of the measure over each cell is then exactly the measure over their records.
    /// </summary>
    /// <remarks>
    /// Tickets open at an instant are a state, not additive over days (the backlog at a month's end is not the sum of
    /// its days' backlogs).
    /// </remarks>
    public static bool IsAdditive(LambdaExpression measure) =>
        measure.Parameters[0].Type != typeof(IEnumerable<OpenTicket>)
        && Additive(Strip(measure.Body), measure.Parameters[0]);

    private static bool Additive(Expression body, ParameterExpression records) => body switch
    {
        BinaryExpression { NodeType: ExpressionType.Add or ExpressionType.Subtract } b =>
            Additive(Strip(b.Left), records) && Additive(Strip(b.Right), records),
        MethodCallExpression { Method.Name: nameof(Enumerable.Count) or nameof(Enumerable.LongCount) } call =>
            call.Method.DeclaringType == typeof(Enumerable) && IsRecords(call.Arguments[0], records),
        MethodCallExpression
        {
            Method.Name: nameof(Enumerable.Sum), Arguments: [var source, LambdaExpression selector],
        } call =>
            call.Method.DeclaringType == typeof(Enumerable) && IsRecords(source, records)
            && IsWholeNumber(selector.Body),
        _ => false,
    };

    /// <summary>The group itself, or a Where over it.</summary>
    private static bool IsRecords(Expression expression, ParameterExpression records) =>
        expression == records
        || expression is MethodCallExpression { Method.Name: nameof(Enumerable.Where), Arguments: [var inner, _] }
        && IsRecords(inner, records);

    /// <summary>
    /// A selector of a whole number, or one made a double (<c>(double)s.Score</c>) — not a fraction such as
    /// TotalSeconds.
    /// </summary>
    private static bool IsWholeNumber(Expression selector)
    {
        var whole = Strip(selector);
        var type = Nullable.GetUnderlyingType(whole.Type) ?? whole.Type;
        return type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte);
    }

    /// <summary>
    /// A measure that is a percentile (<see cref="KpiSql.PercentileCont"/>) of some values, as the values (a lambda
    /// over the records) and the fraction; null for any other measure. Not additive, but exact from each day's sorted
    /// values (<c>kpi_rollup_values</c>), which the rollups keep per day and team.
    /// </summary>
    public static (LambdaExpression Values, double Fraction)? AsPercentile(LambdaExpression measure) =>
        Strip(measure.Body) is MethodCallExpression
        {
            Method.Name: nameof(KpiSql.PercentileCont),
            Arguments: [var values, ConstantExpression { Value: double fraction }],
        } call
        && call.Method.DeclaringType == typeof(KpiSql)
            ? (Expression.Lambda(values, measure.Parameters), fraction)
            : null;

    private static Expression Strip(Expression expression) =>
        expression is UnaryExpression { NodeType: ExpressionType.Convert } convert
            ? Strip(convert.Operand)
            : expression;
}
