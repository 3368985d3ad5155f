using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CsKpi.Core.Data;
using CsKpi.Core.Demo;
using CsKpi.Core.Kpis;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CsKpi.Cli.Commands;

/// <summary>
/// <c>cskpi bench kpi</c>: the whole KPI set of one month (with its previous period) through the engine as the app
/// runs it (daily rollups, refreshed first), side by side with the engine reading the raw rows, on a database of N
/// tickets, 2 interactions and 0.6 survey responses per ticket; both must give the same numbers. A benchmark to read,
/// not a test (the tests hold the engine to hand-written SQL of every KPI): results go to docs/performance.md.
/// </summary>
internal static class KpiBench
{
    public static Command Create(CliContext context)
    {
        var tickets = new Option<int>("--tickets")
        {
            Description = "Tickets in the benchmark database.",
            DefaultValueFactory = _ => 1_000_000,
        };
        var runs = new Option<int>("--runs")
        {
            Description = "Timed runs of each side.",
            DefaultValueFactory = _ => 15,
        };
        var command = new Command("kpi", "Time a month's KPI report from the rollups against the raw rows.")
        {
            tickets, runs,
        };
        command.SetAction((parsed, cancellationToken) => context.WithDatabaseAsync(parsed, async connection =>
        {
            var benchConnection = await EnsureDataAsync(context, connection, parsed.GetValue(tickets),
                cancellationToken);
            await using (var db = Database.CreateContext(benchConnection))
                await DailyRollups.RefreshAsync(db, "UTC", cancellationToken);

            // The last full month of the data (demo data ends at 2026-01-01).
            var period = ReportPeriod.Dates(new DateOnly(2025, 12, 1), new DateOnly(2026, 1, 1), TimeZoneInfo.Utc);
            var engine = new List<double>();
            var rawRows = new List<double>();
            KpiReport? report = null;
            KpiReport? raw = null;
            for (var i = -3; i < parsed.GetValue(runs); i++) // three warm-up rounds
            {
                var watch = Stopwatch.StartNew();
                await using (var db = Database.CreateContext(benchConnection))
                {
                    report = await new KpiReports(db)
                        .RunAsync(new KpiRequest(period, KpiFilters.None), cancellationToken);
                }
                var engineMs = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                await using (var db = Database.CreateContext(benchConnection))
                {
                    raw = await new KpiReports(db, KpiEngineOptions.RawRows)
                        .RunAsync(new KpiRequest(period, KpiFilters.None), cancellationToken);
                }
                var rawMs = watch.Elapsed.TotalMilliseconds;
                if (i >= 0)
                {
                    engine.Add(engineMs);
                    rawRows.Add(rawMs);
                }
            }
            Verify(report!, raw!);

            await using var stats = new NpgsqlConnection(benchConnection);
            await stats.OpenAsync(cancellationToken);
            var sizes = new List<string>();
            foreach (var table in new[] { "tickets", "interactions", "survey_responses", "customers" })
            {
                await using var countCommand = new NpgsqlCommand($"SELECT count(*) FROM {table}", stats);
                sizes.Add($"{table} {(long)(await countCommand.ExecuteScalarAsync(cancellationToken))!:N0}");
            }
            var output = context.Output;
            await output.WriteLineAsync($"Data: {string.Join(", ", sizes)}; period {ReportPeriod.Format(period.From)} "
                + $"… {ReportPeriod.Format(period.To)} with its previous period.");
            await output.WriteLineAsync($"Month tickets: {report!.Kpis[KpiRegistry.TicketVolume].Value:N0}; "
                + "both sides agree on every KPI value.");
            await output.WriteLineAsync();
            await output.WriteLineAsync("| side | median ms | p95 ms | min ms |");
            await output.WriteLineAsync("|---|---:|---:|---:|");
            await output.WriteLineAsync(Row("CsKpi engine (daily rollups, all 20 KPIs + previous)", engine));
            await output.WriteLineAsync(Row("CsKpi engine on the raw rows, same numbers", rawRows));
            await output.WriteLineAsync(
                $"| ratio rollups / raw rows (median) | {Median(engine) / Median(rawRows):0.00} | | |");
            return CliApp.Success;
        }, cancellationToken));
        return command;
    }

    internal static string Row(string name, List<double> ms) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Median(ms):0.0} | {Percentile(ms, 0.95):0.0} | {ms.Min():0.0} |");

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double fraction) =>
        KpiMath.PercentileCont(values.Order().ToList(), fraction) ?? double.NaN;

    /// <summary>
    /// The benchmark database of <paramref name="tickets"/> tickets (<c>cskpi_bench_N</c>), built once and kept;
    /// returns its connection string.
    /// </summary>
    internal static async Task<string> EnsureDataAsync(CliContext context, string adminConnection, int tickets,
        CancellationToken cancellationToken)
    {
        var database = $"cskpi_bench_{tickets}";
        var benchConnection =
            new NpgsqlConnectionStringBuilder(adminConnection) { Database = database }.ConnectionString;
        await using (var admin = new NpgsqlConnection(adminConnection))
        {
            await admin.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", admin)
            {
                Parameters = { new() { Value = database } },
            };
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await Database.MigrateAsync(benchConnection, cancellationToken);
        await using var db = Database.CreateContext(benchConnection);
        if (await db.Tickets.CountAsync(cancellationToken) == tickets)
            return benchConnection;
        await context.Error.WriteLineAsync($"Generating {tickets:N0} tickets (once; kept in database {database})…");
        await db.Database.ExecuteSqlRawAsync("""
            TRUNCATE dimension_ratings, survey_responses, interactions, tickets, customers, targets, agents, teams
            RESTART IDENTITY CASCADE
            """, cancellationToken);
        var options = new DemoOptions(tickets, Seed: 7, Until: new DateOnly(2026, 1, 1), Days: 365,
            InteractionsPerTicket: 2.0,
            SurveysPerTicket: 0.6);
        await DemoProgressBar.RunAsync(context, "Generating",
            progress => DemoData.LoadAsync(benchConnection, options, progress, cancellationToken: cancellationToken));
        return benchConnection;
    }

    private static void Verify(KpiReport report, KpiReport raw)
    {
        foreach (var (key, value) in report.Kpis)
        {
            foreach (var (name, actual, expected) in new[]
            {
                (key, value.Value, raw.Kpis[key].Value),
                (key + " (previous)", value.Previous, raw.Kpis[key].Previous),
            })
            {
                var same = actual is null ? expected is null
                    : expected is not null
                        && Math.Abs(actual.Value - expected.Value) <= 1e-6 * Math.Max(1, Math.Abs(expected.Value));
                if (!same)
                {
                    throw new InvalidOperationException(
                        $"The rollups and the raw rows disagree on {name}: {actual} vs {expected}.");
                }
            }
        }
    }
}
