using System.Net;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace CsKpi.Web.Tests;

/// <summary>
/// Locks held from the test on the app's tables: /healthz says Degraded while reads are blocked, and a request whose
/// client goes away while its query waits leaves nothing running in PostgreSQL.
/// </summary>
public class LockTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Healthz_is_degraded_while_another_session_holds_an_exclusive_lock_on_a_kpi_table()
    {
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = factory.CreateClient();
        (await HealthAsync(client)).Should().Be((HttpStatusCode.OK, "Healthy"));

        await using (var holder = await BeginAsync("LOCK TABLE tickets IN ACCESS EXCLUSIVE MODE"))
            (await HealthAsync(client)).Should().Be((HttpStatusCode.OK, "Degraded"));

        (await HealthAsync(client)).Should().Be((HttpStatusCode.OK, "Healthy"));
    }

    [Fact]
    public async Task Healthz_stays_healthy_while_the_background_refresh_rebuilds_the_rollups()
    {
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = factory.CreateClient();

        // What a full rebuild holds (TRUNCATE): reports do not read the rollups until it is done.
        await using var holder = await BeginAsync("LOCK TABLE kpi_rollups, kpi_rollup_values IN ACCESS EXCLUSIVE MODE");

        (await HealthAsync(client)).Should().Be((HttpStatusCode.OK, "Healthy"));
    }

    [Fact]
    public async Task Healthz_is_degraded_once_a_session_has_waited_for_a_lock_longer_than_the_setting()
    {
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        await using var strict = factory.WithWebHostBuilder(b => b.UseSetting("Database:HealthLockWait", "00:00:00"));
        await using var lenient = factory.WithWebHostBuilder(b => b.UseSetting("Database:HealthLockWait", "01:00:00"));
        // A writer holds ROW EXCLUSIVE; a SHARE lock (as CREATE INDEX takes) waits behind it. Neither blocks reads.
        await using var writer = await BeginAsync("LOCK TABLE interactions IN ROW EXCLUSIVE MODE");
        await using var waiter = await OpenAsync();
        await using var waiting = new NpgsqlCommand("BEGIN; LOCK TABLE interactions IN SHARE MODE", waiter);
        var wait = waiting.ExecuteNonQueryAsync();
        await WaitUntilAsync("LOCK TABLE interactions IN SHARE%", waitingOnLock: true, present: true);

        (await HealthAsync(strict.CreateClient())).Should().Be((HttpStatusCode.OK, "Degraded"));
        (await HealthAsync(lenient.CreateClient())).Should().Be((HttpStatusCode.OK, "Healthy"));

        await writer.DisposeAsync(); // the writer's transaction ends, the waiter gets its lock
        await wait;
    }

    [Fact]
    public async Task A_request_whose_client_disconnects_mid_query_leaves_no_query_running()
    {
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        // No timeout would end the query within the test: only the cancellation can.
        await using var patient = factory.WithWebHostBuilder(b => b
            .UseSetting("Database:ReportLockTimeout", "01:00:00")
            .UseSetting("Database:ReportStatementTimeout", "01:00:00"));
        var client = await patient.SignedInClientAsync(Roles.Manager);
        // The report reads the rollups' state first, then the rollups or the tickets: none of them can be read now.
        await using var holder = await BeginAsync("LOCK TABLE tickets, kpi_rollup_state IN ACCESS EXCLUSIVE MODE");

        using var disconnect = new CancellationTokenSource();
        var url = new Uri("/api/kpis?from=2026-03-01&to=2026-04-01", UriKind.Relative);
        var request = client.GetAsync(url, disconnect.Token);
        await WaitUntilAsync("%", waitingOnLock: true, present: true);
        await disconnect.CancelAsync();

        await WaitUntilAsync("%", waitingOnLock: false, present: false);
        (await Record.ExceptionAsync(() => request.WaitAsync(Patience)))
            .Should().BeAssignableTo<OperationCanceledException>();
    }

    private static async Task<(HttpStatusCode, string)> HealthAsync(HttpClient client)
    {
        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>A connection in a transaction that ran <paramref name="sql"/>; disposing it rolls back.</summary>
    private async Task<NpgsqlConnection> BeginAsync(string sql)
    {
        var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("BEGIN; " + sql, connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>
    /// Waits until another session is (or no longer is) running a statement like <paramref name="like"/>
    /// (waiting on a lock, or running at all), polling PostgreSQL; fails after <see cref="Patience"/>. Sessions of
    /// background work (the rollups' refresh, which may wait on the same lock) do not count.
    /// </summary>
    private async Task WaitUntilAsync(string like, bool waitingOnLock, bool present)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query ILIKE @like
              AND application_name <> @background
              AND (NOT @lock OR wait_event_type = 'Lock')
            """, connection);
        command.Parameters.AddWithValue("like", like);
        command.Parameters.AddWithValue("lock", waitingOnLock);
        command.Parameters.AddWithValue("background", DatabaseSetup.BackgroundApplicationName);
        await Eventually.UntilAsync(async () => (long)(await command.ExecuteScalarAsync())! > 0 == present,
            $"a statement like '{like}' {(present ? "running" : "gone")}", Patience);
    }
}
