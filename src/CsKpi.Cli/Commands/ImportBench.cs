using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsKpi.Core.Data;
using CsKpi.Core.Import;
using CsKpi.Core.Kpis;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CsKpi.Cli.Commands;

/// <summary>
/// <c>cskpi bench import</c>: N ticket rows through the real import path (parse, validate, COPY, checks, first load
/// into an empty tickets table with its indexes, foreign keys and repeat-contact flags), paired with
/// <c>psql \copy</c> of the same file into a bare table without indexes, in the same minutes: <c>--pairs</c> pairs,
/// each on a fresh database, and the medians. With <c>--into M</c>: N rows into a table of M tickets with built
/// rollups (the triggers mark days as on a live dashboard) — N new tickets, or with <c>--changed</c> N changed ones.
/// </summary>
internal static class ImportBench
{
    public static Command Create(CliContext context)
    {
        var rows = new Option<int>("--rows")
        {
            Description = "Ticket rows in the generated file.",
            DefaultValueFactory = _ => 1_000_000,
        };
        var pairs = new Option<int>("--pairs")
        {
            Description = "Import and \\copy pairs to take the medians of.",
            DefaultValueFactory = _ => 5,
        };
        var into = new Option<int>("--into")
        {
            Description = "Import into a table of this many tickets (with built rollups) instead of an empty one.",
        };
        var changed = new Option<bool>("--changed")
        {
            Description = "With --into: the file changes existing tickets instead of adding new ones.",
        };
        var command = new Command("import", "Time the CSV import against psql \\copy, or into a filled table (--into).")
        {
            rows, pairs, into, changed,
        };
        command.SetAction((parsed, cancellationToken) => context.WithDatabaseAsync(parsed, async connection =>
        {
            var count = parsed.GetValue(rows);
            if (parsed.GetValue(into) is > 0 and var filled)
            {
                var bench = await CreateDatabaseAsync(connection, cancellationToken);
                var table = await IntoFilledAsync(bench, filled, count, parsed.GetValue(changed), cancellationToken);
                await context.Output.WriteLineAsync(table);
                return CliApp.Success;
            }
            var file = Path.Combine(Path.GetTempPath(), $"cskpi-bench-tickets-{count}.csv");
            await WriteFileAsync(file, 0, count, changed: false);
            try
            {
                await context.Output.WriteLineAsync(
                    await FirstLoadPairsAsync(connection, file, count, parsed.GetValue(pairs), cancellationToken));
            }
            finally
            {
                File.Delete(file);
            }
            return CliApp.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// <paramref name="pairs"/> times: a fresh database, the file's first load through the importer, then
    /// <c>psql \copy</c> of the same file into a bare table; then the same file again into the last database (the
    /// upsert path, every row unchanged). A table of the pairs and their medians.
    /// </summary>
    private static async Task<string> FirstLoadPairsAsync(string connection, string file, int count, int pairs,
        CancellationToken cancellationToken)
    {
        var invariant = CultureInfo.InvariantCulture;
        var table = new StringBuilder();
        table.AppendLine(invariant, $"{count:N0} ticket rows, {pairs} pairs, load {Load()} before.");
        table.AppendLine();
        table.AppendLine("| pair | import s | rows/s | `\\copy` s | ratio import / `\\copy` | load (1 min) |");
        table.AppendLine("|---:|---:|---:|---:|---:|---:|");
        var results = new List<(double Import, double Copy)>();
        var bench = "";
        for (var pair = 1; pair <= pairs; pair++)
        {
            bench = await CreateDatabaseAsync(connection, cancellationToken);
            await using (var setup = new NpgsqlConnection(bench))
            {
                await setup.OpenAsync(cancellationToken);
                await using var agents = new NpgsqlCommand("""
                    INSERT INTO agents (source_id, name) SELECT 'A' || n, 'Agent ' || n FROM generate_series(1, 50) n;
                    CREATE TABLE bare_tickets (ticket_id text, created_at timestamptz, channel text, customer_id text,
                        agent_id text, category text, first_response_at timestamptz, resolved_at timestamptz,
                        reopened boolean);
                    CHECKPOINT;
                    """, setup);
                await agents.ExecuteNonQueryAsync(cancellationToken);
            }
            var watch = Stopwatch.StartNew();
            var summary = await ImportFileAsync(bench, file, cancellationToken);
            var import = watch.Elapsed.TotalSeconds;
            if (summary.Inserted != count)
                throw new InvalidOperationException($"The first load inserted {summary.Inserted} of {count} rows.");
            var copy = await CopyAsync(bench, file, cancellationToken);
            results.Add((import, copy));
            table.AppendLine(invariant,
                $"| {pair} | {import:0.00} | {count / import:N0} | {copy:0.00} | {import / copy:0.00} | {Load()} |");
        }
        var medianImport = Median(results.Select(r => r.Import));
        var medianRatio = Median(results.Select(r => r.Import / r.Copy));
        table.AppendLine(invariant, $"| median | {medianImport:0.00} | {count / medianImport:N0} | "
            + $"{Median(results.Select(r => r.Copy)):0.00} | **{medianRatio:0.00}** | |");

        // The monthly case: the same file again, into the filled table (the upsert path; every row unchanged).
        var watchAgain = Stopwatch.StartNew();
        var again = await ImportFileAsync(bench, file, cancellationToken);
        var againSeconds = watchAgain.Elapsed.TotalSeconds;
        table.AppendLine();
        table.AppendLine(invariant, $"The same file again into the filled table (upsert, {again.Unchanged:N0} "
            + $"unchanged): {againSeconds:0.00} s, {again.Rows / againSeconds:N0} rows/s.");
        return table.ToString();
    }

    /// <summary><c>psql \copy</c> of the file into the bare table; its seconds.</summary>
    private static async Task<double> CopyAsync(string bench, string file, CancellationToken cancellationToken)
    {
        var csb = new NpgsqlConnectionStringBuilder(bench);
        var psql = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] arguments =
        [
            "-h", csb.Host!, "-p", csb.Port.ToString(CultureInfo.InvariantCulture), "-U", csb.Username ?? "postgres",
            "-d", csb.Database!, "-v", "ON_ERROR_STOP=1",
            "-c", $"\\copy bare_tickets FROM '{file}' WITH (FORMAT csv, HEADER true)",
        ];
        foreach (var a in arguments)
            psql.ArgumentList.Add(a);
        if (csb.Password is { } password)
            psql.Environment["PGPASSWORD"] = password;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psql)!;
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                "psql failed: " + await process.StandardError.ReadToEndAsync(cancellationToken));
        return watch.Elapsed.TotalSeconds;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The machine's 1-minute load average (Linux), or "?".</summary>
    private static string Load() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>A fresh, migrated database <c>cskpi_bench_import</c> with 50 agents; its connection string.</summary>
    private static async Task<string> CreateDatabaseAsync(string connection, CancellationToken cancellationToken)
    {
        await using (var admin = new NpgsqlConnection(connection))
        {
            await admin.OpenAsync(cancellationToken);
            await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS cskpi_bench_import WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(cancellationToken);
            await using var create = new NpgsqlCommand("CREATE DATABASE cskpi_bench_import", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var bench = new NpgsqlConnectionStringBuilder(connection) { Database = "cskpi_bench_import" }.ConnectionString;
        await Database.MigrateAsync(bench, cancellationToken);
        return bench;
    }

    /// <summary>
    /// A table of <paramref name="filled"/> tickets (a first load), its rollups built for UTC, then
    /// <paramref name="count"/> rows imported into it — new tickets after the table's, or
    /// (<paramref name="changed"/>) the first ones with another channel and category — and the rollups' refresh
    /// that follows (the web app's background work).
    /// </summary>
    private static async Task<string> IntoFilledAsync(string bench, int filled, int count, bool changed,
        CancellationToken cancellationToken)
    {
        var table = Path.Combine(Path.GetTempPath(), $"cskpi-bench-table-{filled}.csv");
        var file = Path.Combine(Path.GetTempPath(), $"cskpi-bench-into-{count}.csv");
        await WriteFileAsync(table, 0, filled, changed: false);
        await WriteFileAsync(file, changed ? 0 : filled, count, changed);
        await using (var setup = new NpgsqlConnection(bench))
        {
            await setup.OpenAsync(cancellationToken);
            await using var agents = new NpgsqlCommand(
                "INSERT INTO agents (source_id, name) SELECT 'A' || n, 'Agent ' || n FROM generate_series(1, 50) n",
                setup);
            await agents.ExecuteNonQueryAsync(cancellationToken);
        }
        await ImportFileAsync(bench, table, cancellationToken);
        await using (var db = Database.CreateContext(bench))
            await DailyRollups.RefreshAsync(db, "UTC", cancellationToken);
        await using (var vacuum = new NpgsqlConnection(bench))
        {
            await vacuum.OpenAsync(cancellationToken);
            // As autovacuum would, some time after a load.
            await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", vacuum);
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        var watch = Stopwatch.StartNew();
        var summary = await ImportFileAsync(bench, file, cancellationToken);
        var importSeconds = watch.Elapsed.TotalSeconds;
        long dirty;
        await using (var db = Database.CreateContext(bench))
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using (var days = new NpgsqlCommand("SELECT count(*) FROM kpi_rollup_dirty", connection))
                dirty = (long)(await days.ExecuteScalarAsync(cancellationToken))!;
            watch.Restart();
            await DailyRollups.RefreshAsync(db, "UTC", cancellationToken);
        }
        var (refreshSeconds, rate) = (watch.Elapsed.TotalSeconds, summary.Rows / importSeconds);
        File.Delete(table);
        File.Delete(file);
        return string.Create(CultureInfo.InvariantCulture, $"""
            {summary.Rows:N0} {(changed ? "changed" : "new")} ticket rows into a table of {filled:N0}
            ({summary.Inserted:N0} inserted, {summary.Updated:N0} updated, {summary.Unchanged:N0} unchanged).

            | step | seconds | rows/s |
            |---|---:|---:|
            | import into the table (upsert, repeat flags, {dirty:N0} days marked) | {importSeconds:0.00} | {rate:N0} |
            | the rollups' refresh of the marked days afterwards (background) | {refreshSeconds:0.00} | |
            """);
    }

    private static async Task<ImportSummary> ImportFileAsync(string bench, string file,
        CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        var summary = await new CsvImporter(bench).ImportAsync(ImportKind.Tickets, stream, Path.GetFileName(file),
            "bench", new ImportOptions(), null, cancellationToken);
        return summary.Outcome == ImportOutcome.Imported ? summary
            : throw new InvalidOperationException("The bench file was rejected: "
                + string.Join("; ", summary.Errors.Take(3)));
    }

    /// <summary>
    /// Tickets T{first}… two a minute from 2025-01-01 on, over 250,000 customers and 50 agents;
    /// <paramref name="changed"/> gives each the next channel and category instead (the same tickets, changed).
    /// </summary>
    internal static async Task WriteFileAsync(string path, int first, int count, bool changed)
    {
        await using var writer = new StreamWriter(path);
        await writer.WriteLineAsync(
            "ticket_id,created_at,channel,customer_id,agent_id,category,first_response_at,resolved_at,reopened");
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        string[] channels = ["email", "phone", "chat", "social", "in_person"];
        string[] categories = ["question", "billing", "complaint", "return", "technical"];
        var shift = changed ? 1 : 0;
        for (var i = first; i < first + count; i++)
        {
            var created = start.AddSeconds(i * 31.0);
            var (channel, category) = (channels[(i + shift) % 5], categories[(i + shift) % 5]);
            var (responded, resolved) = (created.AddMinutes(7 + (i % 90)), created.AddHours(3 + (i % 40)));
            var reopened = i % 17 == 0 ? "true" : "false";
            var invariant = CultureInfo.InvariantCulture;
            await writer.WriteLineAsync(
                string.Create(invariant, $"T{i},{created:yyyy-MM-ddTHH:mm:ssZ},{channel},C{i % 250_000},")
                + string.Create(invariant, $"A{1 + (i % 50)},{category},{responded:yyyy-MM-ddTHH:mm:ssZ},")
                + string.Create(invariant, $"{resolved:yyyy-MM-ddTHH:mm:ssZ},{reopened}"));
        }
    }
}
