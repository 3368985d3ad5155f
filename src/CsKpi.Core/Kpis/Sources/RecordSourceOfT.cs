using System.Data.Common;
using System.Linq.Expressions;
using CsKpi.Core.Data;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis.Sources;

/// <summary>The records of one entity set as a <see cref="RecordSource"/>.</summary>
/// <param name="placed">Which records have the source's timestamp at all, when not every one does.</param>
/// <param name="extra">Measures of other numbers over these records (a histogram, a score split) the rollups hold
/// too.</param>
internal sealed class RecordSource<TRecord>(KpiSource source, RecordPaths<TRecord> paths,
    Func<KpiDbContext, IQueryable<TRecord>> entities, Expression<Func<TRecord, bool>>? placed = null,
    IReadOnlyList<LambdaExpression>? extra = null) : RecordSource
    where TRecord : class
{
    public override KpiSource Source => source;

    public override IReadOnlyList<LambdaExpression> Extra => extra ?? [];

    public override IReadOnlyList<Kpi> Kpis { get; } = KpiRegistry.All.Where(k => k.Source == source).ToArray();

    public override List<LambdaExpression> Measures => _measures ??= RecordSources.DistinctMeasures(Kpis);
    private List<LambdaExpression>? _measures;

    public override DbCommand Cells(KpiDbContext db, string zone, IReadOnlyList<DateTime>? days)
    {
        var day = LocalDays.Of(paths.Timestamp, zone);
        var group = Expression.Parameter(typeof(IGrouping<RollupCell, TRecord>), "g");
        var key = Expression.Property(group, nameof(IGrouping<RollupCell, TRecord>.Key));
        var values = Layout.Select(m =>
            (Expression)Expression.Convert(Expressions.Replace(m.Body, m.Parameters[0], group), typeof(double?)));
        MemberBinding Bind(string member, Expression value) =>
            Expression.Bind(typeof(RollupRow).GetProperty(member)!, value);
        var row = Expression.MemberInit(Expression.New(typeof(RollupRow)),
            Bind(nameof(RollupRow.Day), Expression.Property(key, nameof(RollupCell.Day))),
            Bind(nameof(RollupRow.TeamId), Expression.Property(key, nameof(RollupCell.TeamId))),
            Bind(nameof(RollupRow.Channel), Expression.Property(key, nameof(RollupCell.Channel))),
            Bind(nameof(RollupRow.Category), Expression.Property(key, nameof(RollupCell.Category))),
            Bind(nameof(RollupRow.Values), Expression.NewArrayInit(typeof(double?), values)));
        return Placed(db, day, days)
            .GroupBy(CellOf(day, withChannelAndCategory: true))
            .Select(Expression.Lambda<Func<IGrouping<RollupCell, TRecord>, RollupRow>>(row, group))
            .CreateDbCommand();
    }

    public override DbCommand Values(KpiDbContext db, string zone, IReadOnlyList<DateTime>? days, int series)
    {
        var day = LocalDays.Of(paths.Timestamp, zone);
        var group = Expression.Parameter(typeof(IGrouping<RollupCell, TRecord>), "g");
        var key = Expression.Property(group, nameof(IGrouping<RollupCell, TRecord>.Key));
        var values = Series[series];
        MemberBinding Bind(string member, Expression value) =>
            Expression.Bind(typeof(RollupValues).GetProperty(member)!, value);
        var row = Expression.MemberInit(Expression.New(typeof(RollupValues)),
            Bind(nameof(RollupValues.Day), Expression.Property(key, nameof(RollupCell.Day))),
            Bind(nameof(RollupValues.TeamId), Expression.Property(key, nameof(RollupCell.TeamId))),
            Bind(nameof(RollupValues.Sorted), Expressions.Replace(values.Body, values.Parameters[0], group)));
        return Placed(db, day, days)
            .GroupBy(CellOf(day, withChannelAndCategory: false))
            .Select(Expression.Lambda<Func<IGrouping<RollupCell, TRecord>, RollupValues>>(row, group))
            .CreateDbCommand();
    }

    public override Task<List<MeasureRow<TKey>>> MeasureAsync<TKey>(KpiDbContext db, KpiFilters filters,
        DateTime fromUtc, DateTime toUtc, Expression<Func<DateTime, TKey>> key, List<LambdaExpression> measures,
        CancellationToken cancellationToken) =>
        GroupedMeasures.MeasureAsync(Records(db, filters, fromUtc, toUtc), paths.Timestamp.Then(key), measures,
            cancellationToken);

    public override async Task<List<MeasureRow<string?>>> MeasureByDimensionAsync(KpiDbContext db,
        KpiFilters filters, DateTime fromUtc, DateTime toUtc, Grouping grouping, List<LambdaExpression> measures,
        CancellationToken cancellationToken)
    {
        var records = Records(db, filters, fromUtc, toUtc);
        if (grouping == Grouping.Channel)
        {
            // Channels are stored as their codes; group by the enum and name the keys here.
            var rows = await GroupedMeasures.MeasureAsync(records, paths.Channel, measures, cancellationToken);
            return rows.Select(r => new MeasureRow<string?> { Key = r.Key?.Code(), Values = r.Values }).ToList();
        }
        Expression<Func<TRecord, string?>> key = grouping switch
        {
            Grouping.Team => paths.TeamName,
            Grouping.Agent => paths.Agent.Then<TRecord, Agent?, string?>(a => a!.SourceId),
            Grouping.Category => paths.Category.Then<TRecord, string?, string?>(c => KpiSql.Lower(c)),
            _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "Not a dimension."),
        };
        return await GroupedMeasures.MeasureAsync(records, key, measures, cancellationToken);
    }

    /// <summary>
    /// A record's rollup cell: its local <paramref name="day"/> and team, and its channel and lower-cased category
    /// when asked (the sorted values of percentiles are kept per day and team only).
    /// </summary>
    private Expression<Func<TRecord, RollupCell>> CellOf(Expression<Func<TRecord, DateTime>> day,
        bool withChannelAndCategory)
    {
        var record = day.Parameters[0];
        MemberBinding Bind(string member, Expression value) =>
            Expression.Bind(typeof(RollupCell).GetProperty(member)!, value);
        List<MemberBinding> bindings =
        [
            Bind(nameof(RollupCell.Day), day.Body),
            Bind(nameof(RollupCell.TeamId), Body(paths.TeamId, record)),
        ];
        if (withChannelAndCategory)
        {
            bindings.Add(Bind(nameof(RollupCell.Channel), Body(paths.Channel, record)));
            bindings.Add(Bind(nameof(RollupCell.Category),
                Body(paths.Category.Then<TRecord, string?, string?>(c => KpiSql.Lower(c)), record)));
        }
        return Expression.Lambda<Func<TRecord, RollupCell>>(
            Expression.MemberInit(Expression.New(typeof(RollupCell)), bindings), record);
    }

    /// <summary>The source's records (of the given local days, when not null).</summary>
    private IQueryable<TRecord> Placed(KpiDbContext db, Expression<Func<TRecord, DateTime>> day,
        IReadOnlyList<DateTime>? days) =>
        // Only records the source places at some time (the resolved tickets' source has no unresolved tickets).
        LocalDays.On(placed is null ? entities(db) : entities(db).Where(placed), paths.Timestamp, day, days);

    /// <summary>The records placed in [from, to) by the source's timestamp, filtered.</summary>
    private IQueryable<TRecord> Records(KpiDbContext db, KpiFilters filters, DateTime fromUtc, DateTime toUtc)
    {
        var inPeriod = paths.Timestamp.Then<TRecord, DateTime, bool>(ts => ts >= fromUtc && ts < toUtc);
        return filters.Apply(entities(db).Where(inPeriod), paths);
    }

    private static Expression Body<TValue>(Expression<Func<TRecord, TValue>> path, ParameterExpression record) =>
        Expressions.Replace(path.Body, path.Parameters[0], record);
}
