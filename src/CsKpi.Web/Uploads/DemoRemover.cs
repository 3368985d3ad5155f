using System.Threading.Channels;
using CsKpi.Core.Demo;
using CsKpi.Web.Dashboard;
using CsKpi.Web.Infrastructure;

namespace CsKpi.Web.Uploads;

/// <summary>
/// Removes the demo data off the requests (Admin → Upload's button): the default demo's 50,000 tickets, their
/// interactions and surveys take seconds to delete with their triggers. One removal at a time; asking again while
/// one runs changes nothing. A removal wakes the rollups' background refresh, as an import does.
/// </summary>
public sealed class DemoRemover(DatabaseConnection database, RollupRefresher rollups, ILogger<DemoRemover> logger)
    : BackgroundService
{
    private readonly Channel<string> _requests = Channel.CreateBounded<string>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int _running;

    /// <summary>Whether a removal is asked for or under way.</summary>
    public bool Busy => Volatile.Read(ref _running) == 1 || _requests.Reader.Count > 0;

    /// <summary>Whether the last removal failed (logged); the page says so and offers the button again.</summary>
    public bool LastFailed { get; private set; }

    public void Request(string userName) => _requests.Writer.TryWrite(userName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var userName in _requests.Reader.ReadAllAsync(stoppingToken))
        {
            Volatile.Write(ref _running, 1);
            try
            {
                var removed = await DemoRemoval.RemoveAsync(database.ConnectionString, stoppingToken);
                LastFailed = false;
                logger.LogInformation("Demo data removed by {User}: {Records} records, {Kept} kept", userName,
                    removed.Total, removed.Kept);
                rollups.Wake();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Its transaction rolled back: nothing was removed, and the button stays.
                LastFailed = true;
                logger.LogError(e, "Demo data removal by {User} failed", userName);
            }
            finally
            {
                Volatile.Write(ref _running, 0);
            }
        }
    }
}
