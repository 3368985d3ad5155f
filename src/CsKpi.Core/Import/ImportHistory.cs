using CsKpi.Core.Model;

namespace CsKpi.Core.Import;

/// <summary>The import history (Admin → Upload lists it): one row per run, whatever its outcome.</summary>
internal static class ImportHistory
{
    /// <summary>The import history row, written on its own so a rejected file is recorded while nothing else
    /// is.</summary>
    public static async Task RecordAsync(string connectionString, ImportSummary summary, string userName,
        DateTime started, string? failure)
    {
        await using var db = Data.Database.CreateContext(connectionString);
        db.ImportRuns.Add(new ImportRun
        {
            Kind = summary.Parts.Count > 1 ? string.Join('+', summary.Parts.Select(p =>
                p.Kind.Code()).Distinct()) : summary.Kind.Code(),
            FileName = summary.FileName.Length > 260 ? summary.FileName[..260] : summary.FileName,
            UserName = userName,
            StartedAt = started,
            FinishedAt = DateTime.UtcNow,
            Result = failure is not null ? ImportResult.Failed
                : summary.Outcome == ImportOutcome.Rejected ? ImportResult.Rejected
                : ImportResult.Succeeded,
            Inserted = summary.Inserted,
            Updated = summary.Updated,
            Unchanged = summary.Unchanged,
            Rejected = summary.RejectedRows,
            Message = failure ?? (summary.Outcome == ImportOutcome.Checked ? "dry run: nothing written"
                : summary.TotalErrors > 0
                    ? $"{summary.TotalErrors} error(s); first: {(summary.Errors.Count > 0 ? summary.Errors[0] : null)}"
                : summary.Parts.Count > 1 ? string.Join("; ", summary.Parts.Select(p =>
                    $"{p.Kind.Code()}: {p.Inserted} inserted, {p.Updated} updated, {p.Unchanged} unchanged"))
                : null),
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
