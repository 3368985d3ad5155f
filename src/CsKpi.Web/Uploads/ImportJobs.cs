using System.Collections.Concurrent;
using CsKpi.Core.Import;
using CsKpi.Web.Dashboard;
using CsKpi.Web.Infrastructure;

namespace CsKpi.Web.Uploads;

/// <summary>Settings under "Import".</summary>
public sealed class UploadOptions
{
    /// <summary>The largest file an admin may upload (default 200 MB).</summary>
    public long MaxUploadBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>The largest upload request: the file and its multipart envelope.</summary>
    public long MaxRequestBytes => MaxUploadBytes + 1024 * 1024;

    /// <summary>The longest record a file may have (default 1 MB): a longer one is an error on its line.</summary>
    public int MaxLineBytes { get; set; } = ImportOptions.DefaultMaxLineBytes;

    /// <summary>Where uploads wait for their import (default data/uploads under the app's folder); made 0700.</summary>
    public string StagingFolder { get; set; } = "";
}

/// <summary>One upload being imported in the background, so the page can show progress for large files.</summary>
public sealed class ImportJob
{
    public required Guid Id { get; init; }
    public required ImportKind Kind { get; init; }
    public required string FileName { get; init; }
    public required string UserName { get; init; }
    public ImportProgress Progress { get; set; }
    public ImportSummary? Summary { get; set; }
    public string? Failure { get; set; }
    public bool Done => Summary is not null || Failure is not null;
}

/// <summary>
/// Runs uploads through <see cref="CsvImporter"/> off the request, one job per upload, kept for an hour so the
/// summary and the error list can be read and downloaded. The uploaded file is deleted when its import ends. A
/// committed import wakes the rollups' background refresh. Stopping the app cancels running imports (their
/// transaction rolls back) rather than leaving them to PostgreSQL.
/// </summary>
public sealed class ImportJobs(DatabaseConnection database, RollupRefresher rollups, ILogger<ImportJobs> logger,
    TimeProvider clock, IHostApplicationLifetime lifetime)
{
    private readonly ConcurrentDictionary<Guid, (ImportJob Job, DateTimeOffset Started)> _jobs = new();

    public ImportJob? Find(Guid id) => _jobs.TryGetValue(id, out var entry) ? entry.Job : null;

    public ImportJob Start(ImportKind kind, string path, string fileName, string userName, ImportOptions options)
    {
        foreach (var (id, (_, started)) in _jobs)
        {
            if (clock.GetUtcNow() - started > TimeSpan.FromHours(1))
                _jobs.TryRemove(id, out _);
        }
        var job = new ImportJob { Id = Guid.NewGuid(), Kind = kind, FileName = fileName, UserName = userName };
        _jobs[job.Id] = (job, clock.GetUtcNow());
        _ = Task.Run(() => RunAsync(job, path, options));
        return job;
    }

    private async Task RunAsync(ImportJob job, string path, ImportOptions options)
    {
        try
        {
            await using var file = File.OpenRead(path);
            var progress = new Progress<ImportProgress>(p => job.Progress = p);
            job.Summary = await new CsvImporter(database.ConnectionString)
                .ImportAsync(job.Kind, file, job.FileName, job.UserName, options, progress,
                    lifetime.ApplicationStopping);
            logger.LogInformation("Import of {FileName} ({Kind}) by {User}: {Outcome}, {Rows} rows, {Errors} errors",
                job.FileName, job.Kind, job.UserName, job.Summary.Outcome, job.Summary.Rows, job.Summary.TotalErrors);
            if (job.Summary.Outcome == ImportOutcome.Imported)
                rollups.Wake();
        }
        catch (Exception e)
        {
            logger.LogError(e, "Import of {FileName} ({Kind}) failed", job.FileName, job.Kind);
            job.Failure = "The import failed: " + e.Message;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
