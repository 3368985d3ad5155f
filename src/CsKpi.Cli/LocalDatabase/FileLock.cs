namespace CsKpi.Cli.LocalDatabase;

/// <summary>
/// A lock file held open exclusively: serialises cluster start-up across processes (tests run in parallel).
/// </summary>
internal sealed class FileLock(FileStream stream) : IDisposable
{
    public static async Task<FileLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
