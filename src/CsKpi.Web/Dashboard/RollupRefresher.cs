using System.Diagnostics;
using System.Threading.Channels;
using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Dashboard;

/// <summary>
/// Keeps the daily rollups current for the organisation's time zone, off the requests: it rebuilds them when they are
/// dirty, stale or absent — at start, when an import ends (<see cref="Wake"/>), and every
/// <see cref="DashboardOptions.RollupPollSeconds"/> for writes from elsewhere (psql, <c>cskpi</c>). Requests read
/// the rollups only while they are current, else the raw rows, and never wait for a rebuild. A full rebuild takes
/// minutes at 10M tickets, so it runs under the imports' time limits (the database connection's), not the reports'.
/// </summary>
public sealed class RollupRefresher(DatabaseConnection database,
    IOptions<OrganizationOptions> organization, IOptions<DashboardOptions> options, ILogger<RollupRefresher> logger)
    : BackgroundService
{
    private readonly Channel<bool> _wakes =
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a check now (an import has just committed); calls while one is pending count once.</summary>
    public void Wake() => _wakes.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var zone = organization.Value.TimeZone;
        var poll = TimeSpan.FromSeconds(options.Value.RollupPollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            await RefreshIfBehindAsync(zone, stoppingToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(poll);
            try
            {
                await _wakes.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The poll interval passed without a wake: check anyway.
            }
        }
    }

    private async Task RefreshIfBehindAsync(string zone, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = Database.CreateContext(database.ConnectionString);
            if (await DailyRollups.CurrentAsync(db, zone, cancellationToken))
                return;
            var watch = Stopwatch.StartNew();
            if (await DailyRollups.RefreshAsync(db, zone, cancellationToken))
                logger.LogInformation("Rollups for {Zone} refreshed in {Milliseconds} ms", zone,
                    watch.ElapsedMilliseconds);
            else
                logger.LogInformation(
                    "Rollups for {Zone} are held by an import or another refresh: tried at next wake or poll", zone);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Reports read the raw rows meanwhile; the next wake or poll tries again.
            logger.LogError(e, "Refreshing the rollups for {Zone} failed", zone);
        }
    }
}
