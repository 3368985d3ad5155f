using System.Globalization;
using System.Text;
using CsKpi.Core.Data;
using CsKpi.Core.Import;
using CsKpi.Core.Kpis;
using CsKpi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace CsKpi.Core.Tests.Import;

/// <summary>
/// Imports into a table that already has rows: readers are never locked out while one runs, and the rollups' days
/// it marks are exactly the ones its changes touch.
/// </summary>
public class ImportIntoFilledTableTests
{
    private static readonly ReportPeriod March =
        ReportPeriod.Dates(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1), TimeZoneInfo.Utc);

    [Fact]
    public async Task The_overview_answers_with_earlier_numbers_while_a_large_import_into_a_filled_table_is_open()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportAsync(database, ImportKind.Agents, Importing.Agents);
        (await Importing.ImportAsync(database, ImportKind.Tickets, TicketRows(0, 40))).Inserted.Should().Be(40);
        await using (var db = database.CreateContext())
            (await DailyRollups.RefreshAsync(db, "UTC")).Should().BeTrue();
        // A read that waits for a lock fails within seconds instead of hanging the test.
        var reader = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Options = "-c lock_timeout=3000" };
        var contexts = new PooledDbContextFactory<KpiDbContext>(
            new DbContextOptionsBuilder<KpiDbContext>().UseCsKpiPostgres(reader.ConnectionString).Options);
        var request = new OverviewRequest(March, KpiFilters.None, Grouping.Day);
        var before = await new Overview(contexts).GatherAsync(request);
        var beforeRaw = await new Overview(contexts, KpiEngineOptions.RawRows).GatherAsync(request);
        before.Report.Kpis[KpiRegistry.TicketVolume].Value.Should().Be(40);

        // 50,000 tickets (as many as the old bulk path wanted, more than the table holds), and an interaction for
        // each read in a second pass over the file: the stream holds that pass, after the tickets are written.
        var mapping = new ImportMapping
        {
            Kinds =
            [
                new MappedKind(ImportKind.Tickets,
                    Canonical("ticket_id", "created_at", "channel", "customer_id", "agent_id", "resolved_at")),
                new MappedKind(ImportKind.Interactions, new Dictionary<string, ColumnSource>
                {
                    ["interaction_id"] = new() { Header = "ticket_id" }, ["ticket_id"] = new() { Header = "ticket_id" },
                    ["agent_id"] = new() { Header = "agent_id" }, ["started_at"] = new() { Header = "created_at" },
                    ["talk_seconds"] = new() { Value = "60" },
                }),
            ],
        };
        using var file = new HeldStream(Encoding.UTF8.GetBytes(TicketRows(40, 50_000)));
        var import = Task.Run(() => new CsvImporter(database.ConnectionString)
            .ImportAsync(mapping, file, "tickets.csv", "tester", new ImportOptions { Mapping = mapping }));
        await Task.WhenAny(file.SecondPass, import).WaitAsync(TimeSpan.FromMinutes(3));
        file.SecondPass.IsCompleted.Should().BeTrue(import.Exception?.ToString() ?? "the import reached its 2nd pass");
        try
        {
            (await Importing.ScalarAsync<long>(database, """
                SELECT count(*) FROM pg_locks
                WHERE database = (SELECT oid FROM pg_database WHERE datname = current_database())
                AND relation = 'tickets'::regclass AND mode = 'RowExclusiveLock' AND granted AND pid <> pg_backend_pid()
                """)).Should().Be(1, "the import's transaction is open and has written tickets");
            (await Importing.ScalarAsync<long>(database, """
                SELECT count(*) FROM pg_locks
                WHERE mode IN ('AccessExclusiveLock', 'ExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock')
                AND locktype = 'relation' AND pid <> pg_backend_pid()
                AND relation IN (SELECT oid FROM pg_class WHERE relpersistence = 'p')
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """)).Should().Be(0, "an import into a filled table takes no lock that keeps readers or writers out");

            var during = await new Overview(contexts).GatherAsync(request);
            var duringRaw = await new Overview(contexts, KpiEngineOptions.RawRows).GatherAsync(request);

            during.Should().BeEquivalentTo(before, o => o.WithStrictOrdering(), "the rollups as before the import");
            duringRaw.Should().BeEquivalentTo(beforeRaw, o => o.WithStrictOrdering(), "the raw rows as before");
        }
        finally
        {
            file.Release();
        }

        var summary = await import.WaitAsync(TimeSpan.FromMinutes(3));
        summary.Outcome.Should().Be(ImportOutcome.Imported, string.Join("\n", summary.Errors));
        summary.Parts.Select(p => (p.Kind, p.Inserted)).Should()
            .Equal((ImportKind.Tickets, 50_000L), (ImportKind.Interactions, 50_000L));
        var after = await new Overview(contexts, KpiEngineOptions.RawRows).GatherAsync(request);
        after.Report.Kpis[KpiRegistry.TicketVolume].Value.Should().Be(50_040, "the import is seen once it commits");
    }

    [Fact]
    public async Task A_reimport_into_a_filled_table_marks_exactly_the_days_its_changes_touch()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ImportAsync(database, ImportKind.Agents, "agent_id,name\nA1,Ann\n");
        const string header = "ticket_id,created_at,channel,customer_id,agent_id,category,resolved_at\n";
        const string t2 = "T2,2026-03-05T10:00:00Z,email,C2,A1,billing,2026-03-06T10:00:00Z\n";
        const string t5 = "T5,2026-03-14T10:00:00Z,email,C5,A1,question,\n";
        await ImportAsync(database, ImportKind.Tickets, header +
            "T1,2026-03-02T10:00:00Z,chat,C1,A1,billing,2026-03-03T09:00:00Z\n" + t2 +
            "T3,2026-03-08T10:00:00Z,phone,C3,A1,billing,\n" +
            "T4,2026-03-10T10:00:00Z,email,C4,A1,billing,\n" + t5);
        await ImportAsync(database, ImportKind.Interactions,
            "interaction_id,ticket_id,agent_id,started_at,talk_seconds\n" +
            "I3,T3,A1,2026-03-21T10:00:00Z,60\nI4,T4,A1,2026-03-22T10:00:00Z,60\n");
        await ImportAsync(database, ImportKind.Surveys, "response_id,survey,score,submitted_at,ticket_id\n" +
            "S3,csat,5,2026-03-20T10:00:00Z,T3\nS4,csat,4,2026-03-23T10:00:00Z,T4\n");
        await using (var db = database.CreateContext())
            (await DailyRollups.RefreshAsync(db, "UTC")).Should().BeTrue();
        (await DirtyDaysAsync(database)).Should().BeEmpty();

        var summary = await ImportAsync(database, ImportKind.Tickets, header +
            "T1,2026-03-02T10:00:00Z,chat,C1,A1,billing,2026-03-04T09:00:00Z\n" + // resolved a day later
            t2 + // unchanged
            "T3,2026-03-08T10:00:00Z,chat,C3,A1,billing,\n" + // another channel
            "T4,2026-03-10T10:00:00Z,email,C4,A1,complaint,\n" + // another category
            t5 + // unchanged, but T6 makes it a repeat contact
            "T6,2026-03-12T10:00:00Z,email,C5,A1,question,\n"); // new: two days before T5, same customer

        (summary.Inserted, summary.Updated, summary.Unchanged).Should().Be((1L, 3L, 2L));
        (await Importing.ScalarAsync<bool>(database, "SELECT repeat_contact FROM tickets WHERE source_id = 'T5'"))
            .Should().BeTrue();
        (await DirtyDaysAsync(database)).Should().BeEquivalentTo(new[]
        {
            "2026-03-02", "2026-03-03", "2026-03-04", // T1: created, resolved before and after
            "2026-03-08", "2026-03-20", // T3: created, its response (by the ticket's channel); not its interaction
            "2026-03-10", "2026-03-22", "2026-03-23", // T4: created, its interaction and response (by its category)
            "2026-03-12", // T6: created
            "2026-03-14", // T5: its repeat-contact flag
        });
    }

    /// <summary>Tickets T{first}… in March 2026, 40 s apart, over 5,000 customers and two agents.</summary>
    private static string TicketRows(int first, int count)
    {
        var csv = new StringBuilder("ticket_id,created_at,channel,customer_id,agent_id,resolved_at\n");
        var start = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = first; i < first + count; i++)
        {
            var created = start.AddSeconds(i * 40);
            csv.Append(CultureInfo.InvariantCulture,
                $"T{i},{created:yyyy-MM-ddTHH:mm:ssZ},chat,C{i % 5_000},A{1 + (i % 2)},{created.AddHours(1):O}\n");
        }
        return csv.ToString();
    }

    private static Dictionary<string, ColumnSource> Canonical(params string[] columns) =>
        columns.ToDictionary(c => c, c => new ColumnSource { Header = c });

    private static async Task<ImportSummary> ImportAsync(TestDatabase database, ImportKind kind, string csv)
    {
        var summary = await Importing.ImportAsync(database, kind, csv);
        summary.Outcome.Should().Be(ImportOutcome.Imported, string.Join("\n", summary.Errors));
        return summary;
    }

    private static async Task<List<string>> DirtyDaysAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Database
            .SqlQueryRaw<string>("""SELECT to_char(day, 'YYYY-MM-DD') AS "Value" FROM kpi_rollup_dirty""")
            .ToListAsync();
    }

    /// <summary>
    /// A file the importer reads whole once; when it seeks back for a second pass, reading waits until the test
    /// <see cref="Release"/>s it (at most three minutes, then the read fails rather than hang the test).
    /// </summary>
    private sealed class HeldStream(byte[] bytes) : MemoryStream(bytes)
    {
        private readonly TaskCompletionSource _secondPass = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim _released = new();
        private bool _rewound;

        public Task SecondPass => _secondPass.Task;

        public void Release() => _released.Set();

        public override long Seek(long offset, SeekOrigin loc)
        {
            _rewound |= Position > 0;
            return base.Seek(offset, loc);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Hold();
            return base.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            Hold();
            return base.Read(buffer);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Hold();
            return base.ReadAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Hold();
            return base.ReadAsync(buffer, cancellationToken);
        }

        private void Hold()
        {
            if (!_rewound)
                return;
            _secondPass.TrySetResult();
            if (!_released.Wait(TimeSpan.FromMinutes(3)))
                throw new TimeoutException("The test never released the import.");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _released.Dispose();
            base.Dispose(disposing);
        }
    }
}
