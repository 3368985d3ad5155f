using CsKpi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis.Analyses;

/// <summary>One cell of the heatmap: tickets created on a local weekday (ISO: 1 = Monday … 7 = Sunday) and hour.
/// </summary>
public sealed record HeatmapCell(int Weekday, int Hour, long Tickets);

/// <summary>
/// Ticket volume by hour × weekday of <c>created_at</c> in the period's (the organisation's) time zone, with the
/// report's filters: counted in PostgreSQL (one GROUP BY), every one of the 7 × 24 cells present, empty ones 0.
/// </summary>
public sealed class VolumeHeatmap(KpiDbContext db)
{
    public async Task<IReadOnlyList<HeatmapCell>> AnalyseAsync(ReportPeriod period, KpiFilters filters,
        CancellationToken cancellationToken = default)
    {
        var (fromUtc, toUtc, zone) = (period.FromUtc, period.ToUtc(), period.TimeZone.Id);
        var counted = await filters.Apply(db.Tickets, RecordPaths.CreatedTickets)
            .Where(t => t.CreatedAt >= fromUtc && t.CreatedAt < toUtc)
            .Select(t => TimeZoneInfo.ConvertTimeBySystemTimeZoneId(t.CreatedAt, zone))
            .GroupBy(local => new { local.DayOfWeek, local.Hour })
            .Select(g => new { g.Key.DayOfWeek, g.Key.Hour, Tickets = g.LongCount() })
            .ToListAsync(cancellationToken);
        var cells = new List<HeatmapCell>(7 * 24);
        for (var weekday = 1; weekday <= 7; weekday++)
        {
            var day = (DayOfWeek)(weekday % 7);
            for (var hour = 0; hour < 24; hour++)
            {
                var tickets = counted.FirstOrDefault(c => c.DayOfWeek == day && c.Hour == hour)?.Tickets ?? 0;
                cells.Add(new HeatmapCell(weekday, hour, tickets));
            }
        }
        return cells;
    }
}
