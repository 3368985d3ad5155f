using System.Net;
using System.Text.Json;
using CsKpi.Core.Import;
using CsKpi.Core.Model;
using CsKpi.Tests.Infrastructure;
using CsKpi.Web.Tests.Infrastructure;
using CsKpi.Web.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CsKpi.Web.Tests.Uploads;

/// <summary>
/// Background imports: one at a time, the others queued; progress read whole; a cancel or the app stopping leaves
/// nothing written and no staged file. An import is held mid-write by a lock the test takes on its table.
/// </summary>
public partial class UploadPageTests
{
    [Fact]
    public async Task An_import_queued_behind_another_shows_queued_then_completes()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Admin);
        var jobs = factory.Services.GetRequiredService<ImportJobs>();

        ImportJob first, second;
        await using (await AgentsHeldAsync(database))
        {
            first = jobs.Start(ImportKind.Agents, StagedFile("agent_id,name\nA1,Anna\n"), "first.csv", "admin", new());
            await Eventually.UntilAsync(() => Task.FromResult(first.State.Status == ImportJobStatus.Running),
                "the first import starts");
            second = jobs.Start(ImportKind.Agents, StagedFile("agent_id,name\nB1,Bob\n"), "second.csv", "admin", new());

            second.State.Status.Should().Be(ImportJobStatus.Queued, "one import runs at a time");
            var page = WebUtility.HtmlDecode(await client.GetStringAsync($"{Page}?job={second.Id}"));
            page.Should().Contain("Queued: it starts when the imports before it end.");
            using var progress = await ProgressAsync(client, second);
            progress.RootElement.GetProperty("queued").GetBoolean().Should().BeTrue();
            progress.RootElement.GetProperty("done").GetBoolean().Should().BeFalse();
        }

        await Eventually.UntilAsync(() => Task.FromResult(second.Done), "the queued import ends");
        first.State.Status.Should().Be(ImportJobStatus.Finished, first.Failure);
        second.State.Status.Should().Be(ImportJobStatus.Finished, second.Failure);
        second.Summary!.Inserted.Should().Be(1);
        (await ScalarAsync(database, "SELECT string_agg(source_id, ',' ORDER BY source_id) FROM agents"))
            .Should().Be("A1,B1");
    }

    [Fact]
    public async Task A_cancelled_import_writes_nothing_running_or_queued_and_its_file_is_deleted()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var client = await factory.SignedInClientAsync(Roles.Admin);
        var jobs = factory.Services.GetRequiredService<ImportJobs>();
        var runningFile = StagedFile("agent_id,name,team\nA1,Anna,Blue\n");
        var queuedFile = StagedFile("agent_id,name\nB1,Bob\n");

        ImportJob running, queued;
        await using (await AgentsHeldAsync(database))
        {
            running = jobs.Start(ImportKind.Agents, runningFile, "agents.csv", "admin", new());
            queued = jobs.Start(ImportKind.Agents, queuedFile, "more.csv", "admin", new());
            await Eventually.UntilAsync(() => Task.FromResult(running.State.Progress.Stage == "checking"),
                "the import has staged its rows and writes them (held by the lock)");
            using (var progress = await ProgressAsync(client, running))
            {
                var read = progress.RootElement;
                read.GetProperty("rows").GetInt64().Should().Be(1);
                read.GetProperty("stage").GetString().Should().Be("checking");
                read.GetProperty("bytes").GetInt64().Should().Be(read.GetProperty("total").GetInt64());
            }

            jobs.Cancel(queued.Id);
            queued.State.Status.Should().Be(ImportJobStatus.Cancelled, "a waiting import ends at once");
            File.Exists(queuedFile).Should().BeFalse();
            var page = await client.GetStringAsync($"{Page}?job={running.Id}");
            var token = new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(page) };
            var cancel = await client.PostAsync($"{Page}?handler=CancelImport&job={running.Id}",
                new FormUrlEncodedContent(token));
            cancel.StatusCode.Should().Be(HttpStatusCode.Redirect);
            await Eventually.UntilAsync(() => Task.FromResult(running.Done), "the running import stops mid-write");
        }

        running.State.Status.Should().Be(ImportJobStatus.Cancelled, running.Failure);
        File.Exists(runningFile).Should().BeFalse("a cancelled import deletes its file");
        (await ScalarAsync(database, "SELECT (SELECT count(*) FROM agents) || '/' || (SELECT count(*) FROM teams)"))
            .Should().Be("0/0", "the import's transaction rolled back");
        (await client.GetStringAsync($"{Page}?job={running.Id}"))
            .Should().Contain("The import was cancelled: nothing was written.");
    }

    [Fact]
    public async Task A_cancelled_import_saves_no_mapping_and_a_committed_one_does()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var jobs = factory.Services.GetRequiredService<ImportJobs>();
        var mapping = new ImportMapping
        {
            Kinds = [new MappedKind(ImportKind.Agents, new Dictionary<string, ColumnSource>
            {
                ["agent_id"] = new() { Header = "Id" },
                ["name"] = new() { Header = "Name" },
            })],
        };
        var save = new MappingToSave("Staff list", mapping, ["Id", "Name"]);
        var options = new ImportOptions { Mapping = mapping };

        ImportJob cancelled;
        await using (await AgentsHeldAsync(database))
        {
            cancelled = jobs.Start(ImportKind.Agents, StagedFile("Id,Name\nA1,Anna\n"), "staff.csv", "admin",
                options, save);
            await Eventually.UntilAsync(() => Task.FromResult(cancelled.State.Progress.Stage == "checking"),
                "the import writes its rows (held by the lock)");
            jobs.Cancel(cancelled.Id);
            await Eventually.UntilAsync(() => Task.FromResult(cancelled.Done), "the running import stops");
        }
        cancelled.State.Status.Should().Be(ImportJobStatus.Cancelled, cancelled.Failure);
        (await ScalarAsync(database, "SELECT count(*)::text FROM saved_mappings")).Should().Be("0");

        var committed = jobs.Start(ImportKind.Agents, StagedFile("Id,Name\nA1,Anna\n"), "staff.csv", "admin",
            options, save);
        await Eventually.UntilAsync(() => Task.FromResult(committed.Done), "the import ends");
        committed.Summary!.Outcome.Should().Be(ImportOutcome.Imported);
        (await ScalarAsync(database, "SELECT name || ':' || array_to_string(headers, '|') FROM saved_mappings"))
            .Should().Be("Staff list:Id|Name");
    }

    [Fact]
    public async Task Stopping_the_app_stops_the_running_import_with_nothing_written_and_ends_the_queued_ones()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new CsKpiWebFactory(database.ConnectionString);
        var jobs = factory.Services.GetRequiredService<ImportJobs>();
        var (runningFile, queuedFile) = (StagedFile("agent_id,name\nA1,Anna\n"), StagedFile("agent_id,name\nB1,Bob\n"));

        ImportJob running, queued;
        await using (await AgentsHeldAsync(database))
        {
            running = jobs.Start(ImportKind.Agents, runningFile, "agents.csv", "admin", new());
            queued = jobs.Start(ImportKind.Agents, queuedFile, "more.csv", "admin", new());
            await Eventually.UntilAsync(() => Task.FromResult(running.State.Progress.Stage == "checking"),
                "the import has staged its rows and writes them (held by the lock)");

            await factory.DisposeAsync(); // stops the host, as a shutdown does
            await Eventually.UntilAsync(() => Task.FromResult(running.Done), "the running import stops");
        }

        running.State.Status.Should().Be(ImportJobStatus.Cancelled, running.Failure);
        queued.State.Status.Should().Be(ImportJobStatus.Cancelled);
        File.Exists(runningFile).Should().BeFalse();
        File.Exists(queuedFile).Should().BeFalse("a queued import that will never run leaves no file behind");
        (await ScalarAsync(database, "SELECT count(*)::text FROM agents")).Should().Be("0");
    }

    [Fact]
    public async Task Progress_read_while_an_import_reports_it_is_always_one_whole_report()
    {
        var job = new ImportJob
        {
            Id = Guid.NewGuid(),
            Kind = ImportKind.Agents,
            FileName = "agents.csv",
            UserName = "admin",
            QueuedAt = DateTimeOffset.UtcNow,
        };
        using var run = new CancellationTokenSource();
        job.TryStart(run).Should().BeTrue();
        const int Reports = 200_000;
        var importer = Task.Run(() =>
        {
            for (var i = 1; i <= Reports; i++)
                job.Report(new ImportProgress(i, i * 10L, i * 100L, i % 2 == 0 ? "even" : "odd"));
            job.End(ImportJobStatus.Cancelled);
        });

        var torn = 0;
        while (!importer.IsCompleted)
        {
            var (rows, bytes, total, stage) = job.State.Progress;
            if (rows > 0 && (bytes != rows * 10 || total != rows * 100 || stage != (rows % 2 == 0 ? "even" : "odd")))
                torn++;
        }
        await importer;

        torn.Should().Be(0);
        job.State.Should().Match<ImportJobState>(s => s.Done && s.Progress.Rows == Reports);
        job.Report(new ImportProgress(1, 1, 1, "late"));
        job.State.Progress.Rows.Should().Be(Reports, "a report posted after the end changes nothing");
    }

    /// <summary>Holds an exclusive lock on agents until disposed: an import of agents blocks on its write.</summary>
    private static async Task<IAsyncDisposable> AgentsHeldAsync(TestDatabase database)
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("LOCK TABLE agents IN ACCESS EXCLUSIVE MODE", connection))
            await command.ExecuteNonQueryAsync();
        return connection; // closing it rolls the transaction back and releases the lock
    }

    private static string StagedFile(string csv)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, csv);
        return path;
    }

    private static async Task<JsonDocument> ProgressAsync(HttpClient client, ImportJob job) =>
        JsonDocument.Parse(await client.GetStringAsync($"{Page}?handler=Progress&job={job.Id}"));
}
