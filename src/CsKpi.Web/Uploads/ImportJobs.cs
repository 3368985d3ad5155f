using System.Collections.Concurrent;
using System.Threading.Channels;
using CsKpi.Core.Import;

namespace CsKpi.Web.Uploads;

/// <summary>
/// The imports asked for: each queued for <see cref="ImportRunner"/>, which runs them one at a time (two imports
/// would contend for the same tables and the two cores), and kept for an hour after it ends so its summary and error
/// list can be read and downloaded. At most <see cref="Capacity"/> wait; one more is refused, not held in memory.
/// </summary>
public sealed class ImportJobs(TimeProvider clock)
{
    public const int Capacity = 10;
    /// <summary>Errors a job keeps for its download (the screen shows the first thousand): every error of any file
    /// a person would fix by hand, while a job of a wholly broken file stays within tens of megabytes.</summary>
    public const int KeptErrors = 100_000;

    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();
    private readonly Channel<ImportJob> _queue = Channel.CreateBounded<ImportJob>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    internal ChannelReader<ImportJob> Queue => _queue.Reader;

    public ImportJob? Find(Guid id) => _jobs.TryGetValue(id, out var job) ? job : null;

    /// <summary>Whether an import is queued or running.</summary>
    public bool AnyActive => _jobs.Values.Any(j => !j.Done);

    /// <summary>Queues the import of the staged file at <paramref name="path"/>, which the job now owns.</summary>
    /// <param name="saveMapping">Saved when the import succeeds, not before.</param>
    public ImportJob Start(ImportKind kind, string path, string fileName, string userName, ImportOptions options,
        MappingToSave? saveMapping = null)
    {
        foreach (var (id, old) in _jobs)
        {
            if (old.Done && clock.GetUtcNow() - old.QueuedAt > TimeSpan.FromHours(1))
                _jobs.TryRemove(id, out _);
        }
        var job = new ImportJob
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            FileName = fileName,
            UserName = userName,
            QueuedAt = clock.GetUtcNow(),
            StagedPath = path,
            Options = options,
            SaveMapping = saveMapping,
        };
        _jobs[job.Id] = job;
        if (!_queue.Writer.TryWrite(job))
        {
            job.End(ImportJobStatus.Refused);
            File.Delete(path);
        }
        return job;
    }

    /// <summary>Stops an import: at once while it waits, at the importer's next step while it runs.</summary>
    public void Cancel(Guid id)
    {
        if (Find(id) is { } job && job.Cancel())
            File.Delete(job.StagedPath);
    }

    /// <summary>The app is stopping: the waiting imports end cancelled, and later ones are refused.</summary>
    internal void Close()
    {
        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var job))
        {
            if (job.Cancel())
                File.Delete(job.StagedPath);
        }
    }
}
