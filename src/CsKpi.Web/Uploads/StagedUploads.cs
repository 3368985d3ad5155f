using Microsoft.Extensions.Options;

namespace CsKpi.Web.Uploads;

/// <summary>
/// Uploaded files waiting for their mapping step or import: in a folder only the app's user may enter (0700), each
/// file readable by that user only (0600). A file is deleted when its step ends (import done or failed, mapping
/// cancelled); <see cref="Sweep"/> deletes any left for longer than <see cref="Lifetime"/> (an abandoned mapping step).
/// </summary>
public sealed class StagedUploads(IOptions<UploadOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Folder => options.Value.StagingFolder;

    /// <summary>Stores an upload under a new id.</summary>
    public async Task<Guid> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        EnsureFolder();
        var id = Guid.NewGuid();
        var file = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            file.UnixCreateMode = FileMode;
        try
        {
            await using var target = new FileStream(PathOf(id), file);
            await content.CopyToAsync(target, cancellationToken);
        }
        catch
        {
            Delete(id); // a partial file (client gone, disk full) is not left behind
            throw;
        }
        return id;
    }

    public string PathOf(Guid id) => Path.Combine(Folder, id.ToString("N") + ".csv");

    public bool Exists(Guid id) => File.Exists(PathOf(id));

    public void Delete(Guid id) => File.Delete(PathOf(id));

    /// <summary>Deletes the staged files older than <see cref="Lifetime"/>; returns how many.</summary>
    public int Sweep()
    {
        EnsureFolder();
        var oldest = clock.GetUtcNow().UtcDateTime - Lifetime;
        var deleted = 0;
        foreach (var file in new DirectoryInfo(Folder).EnumerateFiles("*.csv"))
        {
            if (file.LastWriteTimeUtc >= oldest)
                continue;
            file.Delete();
            deleted++;
        }
        return deleted;
    }

    /// <summary>
    /// Creates the folder 0700, and makes an existing one 0700: a folder left readable by others (or made by another
    /// user, whose folder this cannot change) fails here instead of exposing uploads.
    /// </summary>
    private void EnsureFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder);
            return;
        }
        Directory.CreateDirectory(Folder, FolderMode);
        if (File.GetUnixFileMode(Folder) != FolderMode)
            File.SetUnixFileMode(Folder, FolderMode);
    }
}

/// <summary>Sweeps abandoned staged uploads at start and every ten minutes.</summary>
public sealed class StagedUploadSweeper(StagedUploads uploads, TimeProvider clock, ILogger<StagedUploadSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10), clock);
        do
        {
            try
            {
                if (uploads.Sweep() is > 0 and var deleted)
                    logger.LogInformation("Deleted {Count} staged upload(s) older than an hour", deleted);
            }
            catch (IOException e)
            {
                logger.LogWarning(e, "Could not sweep the staged uploads in {Folder}", uploads.Folder);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
