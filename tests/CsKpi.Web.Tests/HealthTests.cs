using System.Net;
using System.Net.Sockets;
using CsKpi.Cli.LocalDatabase;
using CsKpi.Core.Data;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;

namespace CsKpi.Web.Tests;

public class HealthTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Healthz_reports_healthy_when_the_database_answers()
    {
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var response = await factory.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task Healthz_reports_unhealthy_when_the_database_is_gone()
    {
        await using var factory = new CsKpiWebFactory("Host=127.0.0.1;Port=1;Username=x;Database=y;Timeout=1");
        await using var noMigration =
            factory.WithWebHostBuilder(b => b.UseSetting("Database:MigrateOnStartup", "false"));

        var response = await noMigration.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }
}

/// <summary>Restarts PostgreSQL under a running app, so it needs a cluster of its own.</summary>
public sealed class ConnectionResiliencyTests : IAsyncLifetime
{
    private LocalPostgres _cluster = null!;

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(LocalPostgres.ClustersRoot(), "resilience-" + Guid.NewGuid().ToString("N")[..8]);
        _cluster = new LocalPostgres(folder, FreePort(), fastAndLoose: true);
        await _cluster.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAsync();
        Directory.Delete(_cluster.DataDirectory, recursive: true);
        File.Delete(_cluster.LogFile);
        File.Delete(_cluster.PasswordFile);
        File.Delete(_cluster.DataDirectory + ".lock");
    }

    [Fact]
    public async Task App_recovers_by_itself_when_postgres_restarts()
    {
        await using var factory = new CsKpiWebFactory(_cluster.ConnectionString());
        // Every request also checks the session in the database.
        var client = await factory.SignedInClientAsync(Roles.Manager);
        (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);

        await _cluster.RestartAsync(); // every pooled connection is now dead

        // The very next requests succeed: EF Core's retrying execution strategy replaces the broken connections.
        (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
