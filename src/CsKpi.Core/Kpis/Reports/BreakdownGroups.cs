using System.Linq.Expressions;
using CsKpi.Core.Data;
using CsKpi.Core.Kpis.Rollups;
using CsKpi.Core.Kpis.Sources;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis.Reports;

/// <summary>The groups of a breakdown: the KPIs of each team, agent, channel or category.</summary>
internal static class BreakdownGroups
{
    public static async Task<IReadOnlyList<KpiGroup>> MeasureAsync(SourceMeasures measured, KpiRequest request,
        Grouping grouping, IReadOnlyList<Kpi> selected, CancellationToken cancellationToken)
    {
        var period = request.Period;
        var bySource = new List<(IReadOnlyList<Kpi> Kpis, List<LambdaExpression> Measures,
            List<MeasureRow<string?>> Rows)>();
        RollupKey? rollupKey = grouping switch
        {
            Grouping.Team => RollupKey.Team,
            Grouping.Channel => RollupKey.Channel,
            Grouping.Category => RollupKey.Category,
            _ => null,
        };
        foreach (var (source, kpis, measures) in RecordSources.Selected(selected))
        {
            Task<List<MeasureRow<string?>>> Raw(List<LambdaExpression> m) => source.MeasureByDimensionAsync(
                measured.Db, request.Filters, period.FromUtc, period.ToUtc(), grouping, m, cancellationToken);
            bySource.Add((kpis, measures, rollupKey is { } key
                ? await measured.MeasureAsync(source, request.Filters, period, key, k => (string?)k, measures, Raw,
                    cancellationToken)
                : await Raw(measures)));
        }

        // Backlog KPIs: each group's tickets open at the period's end.
        if (selected.Where(OpenTickets.Kpis.Contains).ToList() is { Count: > 0 } open)
        {
            var measures = OpenTickets.MeasuresOf(open);
            bySource.Add((open, measures, await OpenTickets.ByDimensionAsync(measured.Db, request.Filters,
                period.ToUtc(), grouping, measures, cancellationToken)));
        }

        var measuredKeys = bySource.SelectMany(m => m.Rows).Select(r => r.Key).Distinct().ToList();
        var keys = await DimensionKeysAsync(measured.Db, grouping, request.Filters, measuredKeys, cancellationToken);
        foreach (var key in measuredKeys)
        {
            if (!keys.Any(k => k.Key == key))
                keys.Add((key, key ?? "(none)"));
        }
        if (grouping is Grouping.Category)
            keys = keys.OrderBy(k => k.Key is null).ThenBy(k => k.Label, StringComparer.Ordinal).ToList();

        var groups = new List<KpiGroup>();
        foreach (var (key, label) in keys)
        {
            var kpis = new Dictionary<string, KpiValue>();
            foreach (var (sourceKpis, measures, rows) in bySource)
            {
                var row = rows.FirstOrDefault(r => r.Key == key);
                foreach (var kpi in sourceKpis)
                    kpis[kpi.Key] = KpiValues.Combine(kpi, row, measures);
            }
            groups.Add(new KpiGroup(key, label, KpiValues.Ordered(kpis)));
        }
        return groups;
    }

    /// <summary>
    /// Every group a breakdown shows even when it has no data: known teams, agents, channels; and the names of agents
    /// with data outside the filtered team (their tickets were in that team's queue).
    /// </summary>
    private static async Task<List<(string? Key, string Label)>> DimensionKeysAsync(KpiDbContext db,
        Grouping grouping, KpiFilters filters, List<string?> measuredKeys, CancellationToken cancellationToken)
    {
        switch (grouping)
        {
            case Grouping.Team:
                var teams = await db.Teams.Where(t => filters.Team == null || t.Name == filters.Team)
                    .OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(cancellationToken);
                return teams.Select(t => ((string?)t, t)).ToList();
            case Grouping.Agent:
                var agents = await db.Agents
                    .Where(a => (filters.Team == null || a.Team!.Name == filters.Team
                            || measuredKeys.Contains(a.SourceId))
                        && (filters.Agent == null || a.SourceId == filters.Agent))
                    .OrderBy(a => a.Name).ThenBy(a => a.SourceId).Select(a => new { a.SourceId, a.Name })
                    .ToListAsync(cancellationToken);
                return agents.Select(a => ((string?)a.SourceId, a.Name)).ToList();
            case Grouping.Channel:
                var channels = await ChannelList.LoadAsync(db, cancellationToken);
                return channels.All.Where(c => filters.Channel is null || c == filters.Channel)
                    .Select(c => ((string?)c.Code(), c.Code())).ToList();
            default:
                return filters.Category is { } category
                    ? [(category.ToLowerInvariant(), category.ToLowerInvariant())]
                    : [];
        }
    }
}
