using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CsKpi.Core.Data;
using CsKpi.Core.Import;
using Npgsql;

namespace CsKpi.Cli.Commands;

/// <summary>
/// <c>cskpi bench import</c>: N ticket rows through the real import path (parse, validate, COPY to staging, checks,
/// first load into an empty tickets table with its indexes, foreign keys and repeat-contact flags), side by side with <c>psql \copy</c> of the same
/// file into a bare table without indexes.
/// </summary>
internal static class ImportBench
{
    public static Command Create(CliContext context)
    {
        var rows = new Option<int>("--rows") { Description = "Ticket rows in the generated file.", DefaultValueFactory = _ => 1_000_000 };
        var command = new Command("import", "Time the CSV import against psql \\copy.") { rows };
        command.SetAction((parsed, cancellationToken) => context.WithDatabaseAsync(parsed, async connection =>
        {
            var count = parsed.GetValue(rows);
            var builder = new NpgsqlConnectionStringBuilder(connection) { Database = "cskpi_bench_import" };
            await using (var admin = new NpgsqlConnection(connection))
            {
                await admin.OpenAsync(cancellationToken);
                await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS cskpi_bench_import WITH (FORCE); ", admin);
                await drop.ExecuteNonQueryAsync(cancellationToken);
                await using var create = new NpgsqlCommand("CREATE DATABASE cskpi_bench_import", admin);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            var bench = builder.ConnectionString;
            await Database.MigrateAsync(bench, cancellationToken);

            var file = Path.Combine(Path.GetTempPath(), $"cskpi-bench-tickets-{count}.csv");
            await WriteFileAsync(file, count);
            await using (var setup = new NpgsqlConnection(bench))
            {
                await setup.OpenAsync(cancellationToken);
                await using var agents = new NpgsqlCommand("""
                    INSERT INTO agents (source_id, name) SELECT 'A' || n, 'Agent ' || n FROM generate_series(1, 50) n;
                    CREATE TABLE bare_tickets (ticket_id text, created_at timestamptz, channel text, customer_id text, agent_id text,
                        category text, first_response_at timestamptz, resolved_at timestamptz, reopened boolean);
                    """, setup);
                await agents.ExecuteNonQueryAsync(cancellationToken);
            }

            var watch = Stopwatch.StartNew();
            ImportSummary summary;
            await using (var stream = File.OpenRead(file))
                summary = await new CsvImporter(bench).ImportAsync(ImportKind.Tickets, stream, Path.GetFileName(file), "bench", new ImportOptions(), null, cancellationToken);
            var importSeconds = watch.Elapsed.TotalSeconds;

            // The monthly case: the same file again, into the filled table (the upsert path; every row unchanged).
            watch.Restart();
            ImportSummary again;
            await using (var stream = File.OpenRead(file))
                again = await new CsvImporter(bench).ImportAsync(ImportKind.Tickets, stream, Path.GetFileName(file), "bench", new ImportOptions(), null, cancellationToken);
            var againSeconds = watch.Elapsed.TotalSeconds;

            var csb = new NpgsqlConnectionStringBuilder(bench);
            var psql = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-h", csb.Host!, "-p", csb.Port.ToString(CultureInfo.InvariantCulture), "-U", csb.Username ?? "postgres", "-d", csb.Database!, "-v", "ON_ERROR_STOP=1",
                         "-c", $"\\copy bare_tickets FROM '{file}' WITH (FORMAT csv, HEADER true)" })
                psql.ArgumentList.Add(a);
            if (csb.Password is { } password)
                psql.Environment["PGPASSWORD"] = password;
            watch.Restart();
            using (var process = Process.Start(psql)!)
            {
                await process.WaitForExitAsync(cancellationToken);
                if (process.ExitCode != 0)
                    throw new InvalidOperationException("psql failed: " + await process.StandardError.ReadToEndAsync(cancellationToken));
            }
            var copySeconds = watch.Elapsed.TotalSeconds;
            File.Delete(file);

            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
                {summary.Rows:N0} ticket rows ({summary.Inserted:N0} inserted), outcome {summary.Outcome}.

                | path | seconds | rows/s |
                |---|---:|---:|
                | cskpi import (parse, validate, COPY to staging, checks, first load with indexes, keys and repeat flags) | {importSeconds:0.00} | {summary.Rows / importSeconds:N0} |
                | psql \copy into a bare table (no indexes, no checks) | {copySeconds:0.00} | {count / copySeconds:N0} |
                | ratio import / \copy | {importSeconds / copySeconds:0.00} | |
                | the same file again: upsert into the filled table ({again.Unchanged:N0} unchanged) | {againSeconds:0.00} | {again.Rows / againSeconds:N0} |
                """));
            return CliApp.Success;
        }, cancellationToken));
        return command;
    }

    private static async Task WriteFileAsync(string path, int count)
    {
        await using var writer = new StreamWriter(path);
        await writer.WriteLineAsync("ticket_id,created_at,channel,customer_id,agent_id,category,first_response_at,resolved_at,reopened");
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        string[] channels = ["email", "phone", "chat", "social", "in_person"];
        string[] categories = ["question", "billing", "complaint", "return", "technical"];
        for (var i = 0; i < count; i++)
        {
            var created = start.AddSeconds(i * 31.0);
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"T{i},{created:yyyy-MM-ddTHH:mm:ssZ},{channels[i % 5]},C{i % 250_000},A{1 + (i % 50)},{categories[i % 5]},{created.AddMinutes(7 + (i % 90)):yyyy-MM-ddTHH:mm:ssZ},{created.AddHours(3 + (i % 40)):yyyy-MM-ddTHH:mm:ssZ},{(i % 17 == 0 ? "true" : "false")}"));
        }
    }
}
