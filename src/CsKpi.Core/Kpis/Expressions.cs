using System.Linq.Expressions;

namespace CsKpi.Core.Kpis;

/// <summary>Small expression-tree plumbing so paths and measures are written once and composed into queries.</summary>
internal static class Expressions
{
    /// <summary>x => outer(inner(x)).</summary>
    public static Expression<Func<T, TResult>> Then<T, TMid, TResult>(this Expression<Func<T, TMid>> inner,
        Expression<Func<TMid, TResult>> outer) =>
        Expression.Lambda<Func<T, TResult>>(Replace(outer.Body, outer.Parameters[0], inner.Body), inner.Parameters);

    public static Expression Replace(Expression body, ParameterExpression parameter, Expression replacement) =>
        new ParameterReplacer(parameter, replacement).Visit(body);

    private sealed class ParameterReplacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == parameter ? replacement : node;
    }
}
