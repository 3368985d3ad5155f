using System.Diagnostics;
using CsKpi.Cli;
using CsKpi.Core.Tests.Cli;
using CsKpi.Tests.Infrastructure;
using static CsKpi.Core.Tests.Import.Importing;

namespace CsKpi.Core.Tests.Import;

public class ImportCommandTests
{
    [Fact]
    public async Task Import_reports_counts_and_exits_0()
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = await WriteAsync(Agents);

        var (exit, output, error) = await DbMigrateCommandTests.RunAsync(["import", "agents", file, "--connection",
            database.ConnectionString]);

        exit.Should().Be(CliApp.Success, error);
        output.Should().Contain("2 rows — 2 inserted, 0 updated, 0 unchanged");
    }

    [Fact]
    public async Task A_rejected_file_exits_3_and_lists_every_error_on_stderr()
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = await WriteAsync("agent_id,name\nA1,\n,Bob\n");

        var (exit, output, error) = await DbMigrateCommandTests.RunAsync(["import", "agents", file, "--connection",
            database.ConnectionString]);

        exit.Should().Be(CliApp.Rejected);
        output.Should().BeEmpty();
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().StartWith(
            ["line 2, column name: a value is required", "line 3, column agent_id: a value is required"]);
        (await ScalarAsync<long>(database, "SELECT count(*) FROM agents")).Should().Be(0);
    }

    [Fact]
    public async Task Dry_run_writes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = await WriteAsync(Agents);

        var (exit, output, _) = await DbMigrateCommandTests.RunAsync(["import", "agents", file, "--dry-run",
            "--connection", database.ConnectionString]);

        exit.Should().Be(CliApp.Success);
        output.Should().Contain("2 inserted").And.Contain("dry run: nothing written");
        (await ScalarAsync<long>(database, "SELECT count(*) FROM agents")).Should().Be(0);
    }

    [Theory]
    [InlineData("import", "robots", "x.csv")]
    [InlineData("import", "agents", "/no/such/file.csv")]
    [InlineData("import", "agents")]
    public async Task Wrong_usage_exits_2(params string[] args) =>
        (await DbMigrateCommandTests.RunAsync([.. args, "--connection",
            "Host=127.0.0.1;Port=1;Username=x;Database=y"])).Exit.Should().Be(CliApp.Usage);

    [Fact]
    public async Task Killing_the_process_mid_import_leaves_the_database_as_it_was()
    {
        await using var database = await TestDatabase.CreateAsync();
        await new Core.Import.CsvImporter(database.ConnectionString).ImportAsync(Core.Import.ImportKind.Agents,
            new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Agents)), "agents.csv", "tester",
            new Core.Import.ImportOptions());
        var before = await SnapshotAsync(database);
        var file = Path.Combine(Path.GetTempPath(), $"big-{Guid.NewGuid():N}.csv");
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteLineAsync("ticket_id,created_at,channel,agent_id,customer_id");
            for (var i = 0; i < 1_500_000; i++)
                await writer.WriteLineAsync($"K{i},2026-03-01T10:00:00Z,chat,A1,C{i % 1000}");
        }
        try
        {
            // The real command in its own process, killed once PostgreSQL has taken rows of its COPY.
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { typeof(CliApp).Assembly.Location, "import", "tickets", file, "--connection",
                database.ConnectionString })
                start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            await Eventually.UntilAsync(async () =>
            {
                process.HasExited.Should().BeFalse("the import must still be running when it is killed");
                return await ScalarAsync<long>(database, "SELECT coalesce(max(tuples_processed), 0) " +
                    "FROM pg_stat_progress_copy WHERE datname = current_database() AND command = 'COPY FROM'") > 0;
            }, "the import's COPY has rows in PostgreSQL");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();

            // PostgreSQL notices the dropped connection and rolls the transaction back.
            await Eventually.UntilAsync(async () => await ScalarAsync<long>(database,
                "SELECT count(*) FROM pg_stat_activity " +
                "WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'") == 0,
                "the killed import's session has ended", TimeSpan.FromSeconds(30));
            (await SnapshotAsync(database)).Should().Be(before);
            (await ScalarAsync<long>(database, "SELECT count(*) FROM import_runs")).Should().Be(1,
                "only the agents import finished");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> WriteAsync(string csv)
    {
        var path = Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, csv);
        return path;
    }
}
