using System.Net;
using System.Net.Sockets;
using CsKpi.Cli.LocalDatabase;
using CsKpi.Core.Data;
using CsKpi.Tests.Infrastructure;
using Npgsql;

namespace CsKpi.Core.Tests.Cli;

/// <summary>
/// The private cluster lets nobody in without its password, and moves an older trusting cluster to passwords.
/// </summary>
public sealed class LocalPostgresTests
{
    [Fact]
    public async Task The_test_cluster_refuses_connections_without_its_password()
    {
        var cluster = await TestCluster.Instance.Value;

        var withoutPassword =
            new NpgsqlConnectionStringBuilder(cluster.ConnectionString("postgres")) { Password = null };
        await AssertRefusedAsync(withoutPassword.ConnectionString);
        var wrongPassword =
            new NpgsqlConnectionStringBuilder(cluster.ConnectionString("postgres")) { Password = "guess" };
        await AssertRefusedAsync(wrongPassword.ConnectionString);

        await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var methods =
            new NpgsqlCommand("SELECT array_agg(DISTINCT auth_method) FROM pg_hba_file_rules", connection);
        ((string[])(await methods.ExecuteScalarAsync())!).Should().Equal("scram-sha-256");
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(cluster.PasswordFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task A_cluster_made_with_trust_is_moved_to_a_password_at_start()
    {
        var folder = Path.Combine(LocalPostgres.ClustersRoot(), "trust-" + Guid.NewGuid().ToString("N")[..8]);
        var cluster = new LocalPostgres(folder, FreePort(), fastAndLoose: true);
        try
        {
            await cluster.StartAsync();
            PasswordFileIsPlainAscii(cluster);
            // What an older CsKpi left: trust on loopback, no password file.
            await File.WriteAllTextAsync(Path.Combine(cluster.DataDirectory, "pg_hba.conf"),
                "host all all 127.0.0.1/32 trust\n");
            await ExecuteAsync(cluster.ConnectionString("postgres"), "SELECT pg_reload_conf()");
            File.Delete(cluster.PasswordFile);
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(cluster.ConnectionString("postgres"), "SELECT 1"); // trusted: no password asked

            (await cluster.StartAsync()).Should().BeFalse("it was running already");

            PasswordFileIsPlainAscii(cluster);
            var withoutPassword =
                new NpgsqlConnectionStringBuilder(cluster.ConnectionString("postgres")) { Password = null };
            await AssertRefusedAsync(withoutPassword.ConnectionString);
            await ExecuteAsync(cluster.ConnectionString("postgres"), "SELECT 1");
        }
        finally
        {
            await cluster.StopAsync();
            Directory.Delete(cluster.DataDirectory, recursive: true);
            foreach (var file in new[] { cluster.LogFile, cluster.PasswordFile, cluster.DataDirectory + ".lock" })
                File.Delete(file);
        }
    }

    /// <summary>The file holds the password and nothing else (no byte-order mark): shells read it with cat.</summary>
    private static void PasswordFileIsPlainAscii(LocalPostgres cluster)
    {
        var bytes = File.ReadAllBytes(cluster.PasswordFile);
        bytes.Should().OnlyContain(b => b > 0x20 && b < 0x7f);
        System.Text.Encoding.ASCII.GetString(bytes)
            .Should().Be(new NpgsqlConnectionStringBuilder(cluster.ConnectionString()).Password);
    }

    private static async Task AssertRefusedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var open = () => connection.OpenAsync();
        // 28P01: password authentication failed; Npgsql says so itself when no password was given.
        var refused = (await open.Should().ThrowAsync<NpgsqlException>()).Which;
        if (refused is PostgresException postgres)
            postgres.SqlState.Should().Be(PostgresErrorCodes.InvalidPassword);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
