using System.Reflection;
using CsKpi.Cli.LocalDatabase;
using CsKpi.Core.Data;
using Npgsql;

namespace CsKpi.Tests.Infrastructure;

/// <summary>
/// A freshly migrated database of its own for one test class or collection (IClassFixture / ICollectionFixture),
/// copied from a template database, so tests run in parallel and never see each other's rows. Dropped afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>
    /// A database for one test, when a test needs rows no other test sees: <c>await using var database = …</c>.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await database.InitializeAsync();
        return database;
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public string ConnectionString { get; private set; } = "";
    public string Name { get; } = "t_" + Guid.NewGuid().ToString("N")[..16];

    public KpiDbContext CreateContext() => Database.CreateContext(ConnectionString);

    public async Task InitializeAsync()
    {
        var cluster = await TestCluster.Instance.Value;
        await TestCluster.Template.Value;
        await TestCluster.ExecuteAsync($"CREATE DATABASE \"{Name}\" TEMPLATE {TestCluster.TemplateName}");
        ConnectionString = cluster.ConnectionString(Name);
    }

    public async Task DisposeAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
            NpgsqlConnection.ClearPool(connection);
        await TestCluster.ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }
}

/// <summary>
/// The private PostgreSQL cluster of this test assembly (the CLI's LocalPostgres, like the dev cluster): started
/// once per test run, stopped when the test process exits. Each assembly has its own cluster and port, so
/// assemblies run in parallel.
/// </summary>
public static class TestCluster
{
    public const string TemplateName = "cskpi_template";

    private static readonly string AssemblyName = typeof(TestCluster).Assembly.GetName().Name!;

    public static readonly Lazy<Task<LocalPostgres>> Instance = new(StartAsync);
    public static readonly Lazy<Task> Template = new(CreateTemplateAsync);

    /// <summary>An empty database with no schema, for tests of migration itself.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync(string name)
    {
        var cluster = await Instance.Value;
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return cluster.ConnectionString(name);
    }

    public static async Task ExecuteAsync(string sql)
    {
        var cluster = await Instance.Value;
        await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<LocalPostgres> StartAsync()
    {
        // Stable per assembly: a stale cluster from an aborted run is reused, not duplicated.
        var name = AssemblyName.Replace("CsKpi.", "", StringComparison.Ordinal)
            .Replace(".Tests", "", StringComparison.Ordinal).ToLowerInvariant();
        var cluster = LocalPostgres.ForTests("test-" + name);
        var startedHere = await cluster.StartAsync();
        if (startedHere)
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.StopAsync().GetAwaiter().GetResult();
        return cluster;
    }

    private static async Task CreateTemplateAsync()
    {
        var cluster = await Instance.Value;
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            // Leftovers of an aborted run: test databases and an older template.
            var stale = new List<string>();
            const string staleNames = "SELECT datname FROM pg_database WHERE datname LIKE 't\\_%' OR datname = $1";
            await using (var list = new NpgsqlCommand(staleNames, connection)
            {
                Parameters = { new() { Value = TemplateName } },
            })
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                    stale.Add(reader.GetString(0));
            }
            foreach (var name in stale)
            {
                await using var drop =
                    new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
            await using var create = new NpgsqlCommand($"CREATE DATABASE {TemplateName}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var templateConnection = cluster.ConnectionString(TemplateName);
        await Database.MigrateAsync(templateConnection);
        // CREATE DATABASE … TEMPLATE needs the template to have no open connections.
        NpgsqlConnection.ClearAllPools();
    }
}
