using CsKpi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Core.Kpis;

/// <summary>One bar of the first-response histogram: [From, To) seconds (To null = open-ended) and its ticket count.</summary>
public sealed record ResponseTimeBucket(string Label, double From, double? To, long Tickets);

/// <summary>
/// How long customers wait for a first response: tickets created in the period with a first response (as the
/// first_response KPIs), counted per bucket in one GROUP BY.
/// </summary>
public sealed class ResponseTimeDistribution(KpiDbContext db)
{
    /// <summary>Bucket upper bounds in seconds: 5 min, 15 min, 1 h, 4 h, 24 h.</summary>
    public static readonly IReadOnlyList<(string Label, double UpTo)> Bounds =
        [("< 5 min", 300), ("5–15 min", 900), ("15–60 min", 3600), ("1–4 h", 14_400), ("4–24 h", 86_400)];

    public const string OverLastBound = "> 24 h";

    /// <summary>Bucket <paramref name="index"/> (0 … Bounds.Count, the last open-ended) without its count: its label and [From, To) seconds.</summary>
    public static ResponseTimeBucket Bucket(int index) =>
        new(index < Bounds.Count ? Bounds[index].Label : OverLastBound, index == 0 ? 0 : Bounds[index - 1].UpTo, index < Bounds.Count ? Bounds[index].UpTo : null, 0);

    public async Task<IReadOnlyList<ResponseTimeBucket>> AnalyseAsync(ReportPeriod period, KpiFilters filters, CancellationToken cancellationToken = default)
    {
        var (fromUtc, toUtc) = (period.FromUtc, period.ToUtc());
        var tickets = filters.Apply(
            db.Tickets.Where(t => t.CreatedAt >= fromUtc && t.CreatedAt < toUtc && t.FirstResponseAt != null),
            RecordPaths.CreatedTickets);
        var counts = await tickets
            .Select(t => (t.FirstResponseAt!.Value - t.CreatedAt).TotalSeconds)
            .GroupBy(s => s < 300 ? 0 : s < 900 ? 1 : s < 3600 ? 2 : s < 14_400 ? 3 : s < 86_400 ? 4 : 5)
            .Select(g => new { Bucket = g.Key, Tickets = g.LongCount() })
            .ToDictionaryAsync(g => g.Bucket, g => g.Tickets, cancellationToken);

        return Enumerable.Range(0, Bounds.Count + 1).Select(i => Bucket(i) with { Tickets = counts.GetValueOrDefault(i) }).ToList();
    }
}
