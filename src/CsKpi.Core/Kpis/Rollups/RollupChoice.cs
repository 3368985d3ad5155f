using CsKpi.Core.Data;

namespace CsKpi.Core.Kpis.Rollups;

/// <summary>
/// Whether the daily rollups answer a read: the engine's option allows them, the span is whole local days, no agent
/// filter (the rollups have no agent), and they are current — asked once per instance, so every read of one report
/// takes the same path. Nothing here refreshes them: while they are behind (an import just ended) reads take the raw
/// rows.
/// </summary>
internal sealed class RollupChoice(KpiDbContext db, KpiEngineOptions options)
{
    private bool? _current;

    public async Task<bool> AnswersAsync(ReportPeriod span, KpiFilters filters, CancellationToken cancellationToken)
    {
        if (!options.UseRollups || filters.Agent is not null || !DailyRollups.AreWholeDays(span))
            return false;
        return _current ??= await DailyRollups.CurrentAsync(db, span.TimeZone.Id, cancellationToken);
    }

    /// <summary>What the reads took so far, for a timing log: "rollups", "raw rows", or not asked yet.</summary>
    public string Path => _current switch
    {
        true => "rollups",
        false => "raw rows (rollups behind)",
        null => options.UseRollups ? "raw rows" : "raw rows (rollups off)",
    };
}
