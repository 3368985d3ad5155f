using CsKpi.Core.Data;
using CsKpi.Core.Import;
using CsKpi.Web.Dashboard;
using CsKpi.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CsKpi.Web.Uploads;

/// <summary>
/// Runs the queued imports through <see cref="CsvImporter"/>, one at a time, off the requests. A job's staged file is
/// deleted when it ends, however it ends. A committed import saves the mapping asked for with it and wakes the rollups'
/// background refresh. A cancel, or the app stopping, cancels the running import's token: its transaction rolls back,
/// so nothing is half written, and no mapping is saved.
/// </summary>
public sealed class ImportRunner(ImportJobs jobs, DatabaseConnection database, RollupRefresher rollups,
    IDbContextFactory<KpiDbContext> contexts, ILogger<ImportRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in jobs.Queue.ReadAllAsync(stoppingToken))
                await RunAsync(job, stoppingToken);
        }
        finally
        {
            jobs.Close();
        }
    }

    private async Task RunAsync(ImportJob job, CancellationToken stoppingToken)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        if (!job.TryStart(run))
            return; // cancelled while it waited: its file is gone already
        try
        {
            await using var file = File.OpenRead(job.StagedPath);
            var summary = await new CsvImporter(database.ConnectionString).ImportAsync(job.Kind, file, job.FileName,
                job.UserName, job.Options, new JobProgress(job), run.Token);
            logger.LogInformation("Import of {FileName} ({Kind}) by {User}: {Outcome}, {Rows} rows, {Errors} errors",
                job.FileName, job.Kind, job.UserName, summary.Outcome, summary.Rows, summary.TotalErrors);
            if (summary.Outcome == ImportOutcome.Imported && job.SaveMapping is { } save)
                await SaveMappingAsync(job, save, stoppingToken);
            job.End(ImportJobStatus.Finished, summary);
            if (summary.Outcome == ImportOutcome.Imported)
                rollups.Wake();
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            logger.LogInformation("Import of {FileName} ({Kind}) cancelled: nothing written", job.FileName, job.Kind);
            job.End(ImportJobStatus.Cancelled);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Import of {FileName} ({Kind}) failed", job.FileName, job.Kind);
            job.End(ImportJobStatus.Failed, failure: "The import failed: " + e.Message);
        }
        finally
        {
            Delete(job.StagedPath);
        }
    }

    /// <summary>The import is committed whatever happens here: a mapping that cannot be saved is logged, not
    /// failed.</summary>
    private async Task SaveMappingAsync(ImportJob job, MappingToSave save, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await new MappingStore(db).SaveAsync(save.Name, save.Mapping, save.Headers, job.UserName,
                cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or Npgsql.NpgsqlException or OperationCanceledException)
        {
            logger.LogError(e, "Import of {FileName} done, but its mapping {Name} was not saved", job.FileName,
                save.Name);
        }
    }

    /// <summary>A staged file that cannot be deleted is left to the sweeper rather than stopping the queue.</summary>
    private void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not delete the staged upload {Path}: the sweeper will", path);
        }
    }

    /// <summary>Reports straight into the job, in order, instead of posting each one to the thread pool.</summary>
    private sealed class JobProgress(ImportJob job) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => job.Report(value);
    }
}
