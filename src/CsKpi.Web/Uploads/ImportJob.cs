using CsKpi.Core.Import;

namespace CsKpi.Web.Uploads;

/// <summary>A mapping the admin asked to save under a name, with the headers of the file it was made for.</summary>
public sealed record MappingToSave(string Name, ImportMapping Mapping, IReadOnlyList<string> Headers);

/// <summary>Where an import is: waiting its turn, running, or ended one of four ways.</summary>
public enum ImportJobStatus
{
    Queued,
    Running,
    Finished,
    Failed,
    Cancelled,
    /// <summary>Not queued: too many imports were already waiting.</summary>
    Refused,
}

/// <summary>
/// One moment of an import, immutable: a reader takes <see cref="ImportJob.State"/> once and sees a status, a
/// progress and an outcome that belong together, never half of an update.
/// </summary>
public sealed record ImportJobState(ImportJobStatus Status, ImportProgress Progress, ImportSummary? Summary = null,
    string? Failure = null)
{
    public bool Done => Status >= ImportJobStatus.Finished;
}

/// <summary>
/// One upload being imported in the background, so the page can show progress for large files. Its state is
/// replaced whole, under a lock, by the runner (or by a cancel while it waits); readers never lock.
/// </summary>
public sealed class ImportJob
{
    private readonly Lock _gate = new();
    private ImportJobState _state = new(ImportJobStatus.Queued, new ImportProgress(0, 0, null, "queued"));
    private CancellationTokenSource? _run;

    public required Guid Id { get; init; }
    public required ImportKind Kind { get; init; }
    public required string FileName { get; init; }
    public required string UserName { get; init; }
    public required DateTimeOffset QueuedAt { get; init; }
    /// <summary>The staged file, deleted when the job ends however it ends.</summary>
    internal string StagedPath { get; init; } = "";
    internal ImportOptions Options { get; init; } = new();
    /// <summary>The mapping to save once the import succeeds (a failed, rejected or cancelled one saves
    /// nothing).</summary>
    internal MappingToSave? SaveMapping { get; init; }

    public ImportJobState State => Volatile.Read(ref _state);
    public bool Done => State.Done;
    public ImportSummary? Summary => State.Summary;
    public string? Failure => State.Failure;

    /// <summary>Asks the import to stop: a queued one ends at once (true: its file is the caller's to delete), a
    /// running one when the importer next checks its token (its transaction rolls back).</summary>
    public bool Cancel()
    {
        lock (_gate)
        {
            _run?.Cancel();
            return Move(ImportJobStatus.Queued, s => s with { Status = ImportJobStatus.Cancelled });
        }
    }

    /// <summary>Its turn has come; false if it was cancelled while it waited.</summary>
    internal bool TryStart(CancellationTokenSource run)
    {
        lock (_gate)
        {
            if (!Move(ImportJobStatus.Queued, s => s with { Status = ImportJobStatus.Running }))
                return false;
            _run = run;
            return true;
        }
    }

    /// <summary>Progress from the importer; late reports (posted after the end) are dropped.</summary>
    internal void Report(ImportProgress progress)
    {
        lock (_gate)
            Move(ImportJobStatus.Running, s => s with { Progress = progress });
    }

    internal void End(ImportJobStatus status, ImportSummary? summary = null, string? failure = null)
    {
        lock (_gate)
        {
            _run = null;
            Volatile.Write(ref _state, _state with { Status = status, Summary = summary, Failure = failure });
        }
    }

    private bool Move(ImportJobStatus from, Func<ImportJobState, ImportJobState> change)
    {
        if (_state.Status != from)
            return false;
        Volatile.Write(ref _state, change(_state));
        return true;
    }
}
