using System.Linq.Expressions;
using System.Reflection;
using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis.Sources;

/// <summary>
/// Churn and retention for many periods at once (a month's 31 days: 155 counts), exactly, in one small GROUP BY:
/// PostgreSQL counts customers per (customer_since, cancelled_on) with both dates clipped into
/// [earliest from − 1 day, latest to + 1 day], and the registry's measures are then evaluated over those cells, each
/// cell weighing its number of customers. Clipping changes no comparison with a date inside the periods' range —
/// which is all a customer measure does (it compares the two dates with its period's from and to) — so every count is
/// the one a FILTER per measure over every customer would give; a month by day has about a hundred cells.
/// </summary>
internal static class CustomerCells
{
    /// <summary>Customers whose (clipped) dates are these.</summary>
    internal sealed record Cell(Customer Customer, long Customers);

    /// <summary>
    /// The cells of the customers some measure can count in periods within [from, to), from <see cref="CustomerDates"/>
    /// (customers counted per pair of dates, kept by triggers): a few thousand pairs instead of every customer.
    /// </summary>
    public static async Task<IReadOnlyList<Cell>> CountAsync(KpiDbContext db, DateOnly from, DateOnly to,
        CancellationToken cancellationToken)
    {
        DateOnly? low = from.AddDays(-1), high = to.AddDays(1);
        // Only customers some measure can count: every measure needs customer_since before a period's end, and either
        // no cancellation, a cancellation on or after a period's start, or a start inside a period (retention's new
        // customers). Customers long gone or not yet joined are skipped — exact, and the scan shrinks with history.
        var cells = await db.Set<CustomerDates>()
            .Where(c => c.CustomerSince < to
                && (c.CancelledOn == null || c.CancelledOn >= from || c.CustomerSince >= from))
            .Select(c => new
            {
                Since = c.CustomerSince < from ? low : c.CustomerSince > to ? high : c.CustomerSince,
                Cancelled = c.CancelledOn < from ? low : c.CancelledOn > to ? high : c.CancelledOn,
                c.Customers,
            })
            .GroupBy(c => new { c.Since, c.Cancelled })
            .Select(g => new { g.Key.Since, g.Key.Cancelled, Customers = g.Sum(c => c.Customers) })
            .ToListAsync(cancellationToken);
        return cells.Where(c => c.Customers != 0)
            .Select(c => new Cell(
                new Customer { SourceId = "", CustomerSince = c.Since, CancelledOn = c.Cancelled }, c.Customers))
            .ToList();
    }

    /// <summary>A customer measure over cells, for a period [from, to) — compiled once per registry measure.</summary>
    public static Func<IReadOnlyList<Cell>, DateOnly, DateOnly, double?> Measure(
        Expression<Func<IEnumerable<Customer>, DateOnly, DateOnly, double?>> measure) =>
        RegistryMeasures.TryGetValue(measure, out var compiled) ? compiled : Compile(measure);

    /// <summary>
    /// The measure as a delegate over cells: <c>g.Count(c =&gt; …)</c> becomes the customers of the cells that pass,
    /// <c>g.Count()</c> all of them. A measure that does anything else with the customers is refused, not guessed at.
    /// </summary>
    internal static Func<IReadOnlyList<Cell>, DateOnly, DateOnly, double?> Compile(
        Expression<Func<IEnumerable<Customer>, DateOnly, DateOnly, double?>> measure)
    {
        var cells = Expression.Parameter(typeof(IReadOnlyList<Cell>), "cells");
        var customers = measure.Parameters[0];
        var body = new CountRewriter(customers, cells).Visit(measure.Body);
        if (new ParameterFinder(customers).Finds(body))
            throw new NotSupportedException($"A customer measure may only count customers: {measure}");
        return Expression.Lambda<Func<IReadOnlyList<Cell>, DateOnly, DateOnly, double?>>(
            body, [cells, measure.Parameters[1], measure.Parameters[2]]).Compile();
    }

    public static long Count(IReadOnlyList<Cell> cells, Func<Customer, bool> predicate)
    {
        var count = 0L;
        foreach (var cell in cells)
        {
            if (predicate(cell.Customer))
                count += cell.Customers;
        }
        return count;
    }

    public static long Count(IReadOnlyList<Cell> cells) => cells.Sum(c => c.Customers);

    private static readonly MethodInfo CountWhere =
        typeof(CustomerCells).GetMethod(nameof(Count), [typeof(IReadOnlyList<Cell>), typeof(Func<Customer, bool>)])!;

    private static readonly MethodInfo CountAll =
        typeof(CustomerCells).GetMethod(nameof(Count), [typeof(IReadOnlyList<Cell>)])!;

    // After the methods it compiles with: static fields initialise in the order they are written.
    private static readonly Dictionary<LambdaExpression, Func<IReadOnlyList<Cell>, DateOnly, DateOnly, double?>>
        RegistryMeasures =
        KpiRegistry.All.Where(k => k.Source == KpiSource.Customers)
            .SelectMany(k => new[] { k.CustomerNumerator!, k.CustomerDenominator! })
            .Distinct()
            .ToDictionary(m => (LambdaExpression)m, Compile);

    private sealed class CountRewriter(ParameterExpression customers, ParameterExpression cells) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType == typeof(Enumerable)
                && node.Method.Name is nameof(Enumerable.Count) or nameof(Enumerable.LongCount)
                && node.Arguments[0] == customers)
            {
                var count = node.Arguments.Count == 1
                    ? Expression.Call(CountAll, cells)
                    : Expression.Call(CountWhere, cells, Visit(node.Arguments[1]));
                return node.Type == typeof(long) ? count : Expression.Convert(count, node.Type);
            }
            return base.VisitMethodCall(node);
        }
    }

    private sealed class ParameterFinder(ParameterExpression parameter) : ExpressionVisitor
    {
        private bool _found;

        public bool Finds(Expression expression)
        {
            Visit(expression);
            return _found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _found |= node == parameter;
            return node;
        }
    }
}
