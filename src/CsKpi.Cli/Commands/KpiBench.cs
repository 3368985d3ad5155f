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
/// <c>cskpi bench kpi</c>: the whole KPI set of one month (with its previous period) through the engine, side by side
/// with the best hand-written SQL for the same numbers, on a database of N tickets, 2 interactions and 0.6 survey
/// responses per ticket. A benchmark to read, not a test: results go to docs/performance.md.
/// </summary>
internal static class KpiBench
{
    public static Command Create(CliContext context)
    {
        var tickets = new Option<int>("--tickets") { Description = "Tickets in the benchmark database.", DefaultValueFactory = _ => 1_000_000 };
        var runs = new Option<int>("--runs") { Description = "Timed runs of each side.", DefaultValueFactory = _ => 15 };
        var command = new Command("kpi", "Time a month's KPI report against hand-written SQL.") { tickets, runs };
        command.SetAction((parsed, cancellationToken) => context.WithDatabaseAsync(parsed, async connection =>
        {
            var benchConnection = await EnsureDataAsync(context, connection, parsed.GetValue(tickets), cancellationToken);

            // The last full month of the data (demo data ends at 2026-01-01).
            var period = ReportPeriod.Dates(new DateOnly(2025, 12, 1), new DateOnly(2026, 1, 1), TimeZoneInfo.Utc);
            var engine = new List<double>();
            var handWritten = new List<double>();
            KpiReport? report = null;
            HandWrittenResult? sql = null;
            for (var i = -3; i < parsed.GetValue(runs); i++) // three warm-up rounds
            {
                var watch = Stopwatch.StartNew();
                await using (var db = Database.CreateContext(benchConnection))
                    report = await new KpiReports(db).RunAsync(new KpiRequest(period, KpiFilters.None), cancellationToken);
                var engineMs = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                sql = await HandWrittenAsync(benchConnection, period, cancellationToken);
                var sqlMs = watch.Elapsed.TotalMilliseconds;
                if (i >= 0)
                {
                    engine.Add(engineMs);
                    handWritten.Add(sqlMs);
                }
            }
            Verify(report!, sql!);

            await using var stats = new NpgsqlConnection(benchConnection);
            await stats.OpenAsync(cancellationToken);
            var sizes = new List<string>();
            foreach (var table in new[] { "tickets", "interactions", "survey_responses", "customers" })
            {
                await using var countCommand = new NpgsqlCommand($"SELECT count(*) FROM {table}", stats);
                sizes.Add($"{table} {(long)(await countCommand.ExecuteScalarAsync(cancellationToken))!:N0}");
            }
            var output = context.Output;
            await output.WriteLineAsync($"Data: {string.Join(", ", sizes)}; period {ReportPeriod.Format(period.From)} … {ReportPeriod.Format(period.To)} with its previous period.");
            await output.WriteLineAsync($"Month tickets: {report!.Kpis[KpiRegistry.TicketVolume].Value:N0}; both sides agree on every KPI value.");
            await output.WriteLineAsync();
            await output.WriteLineAsync("| side | median ms | p95 ms | min ms |");
            await output.WriteLineAsync("|---|---:|---:|---:|");
            await output.WriteLineAsync(Row("CsKpi engine (EF Core LINQ, all 20 KPIs + previous)", engine));
            await output.WriteLineAsync(Row("hand-written SQL, same numbers", handWritten));
            await output.WriteLineAsync($"| ratio engine / SQL (median) | {Median(engine) / Median(handWritten):0.00} | | |");
            return CliApp.Success;
        }, cancellationToken));
        return command;
    }

    internal static string Row(string name, List<double> ms) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median(ms):0.0} | {Percentile(ms, 0.95):0.0} | {ms.Min():0.0} |");

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double fraction) =>
        KpiMath.PercentileCont(values.Order().ToList(), fraction) ?? double.NaN;

    /// <summary>The benchmark database of <paramref name="tickets"/> tickets (<c>cskpi_bench_N</c>), built once and kept; returns its connection string.</summary>
    internal static async Task<string> EnsureDataAsync(CliContext context, string adminConnection, int tickets, CancellationToken cancellationToken)
    {
        var database = $"cskpi_bench_{tickets}";
        var benchConnection = new NpgsqlConnectionStringBuilder(adminConnection) { Database = database }.ConnectionString;
        await using (var admin = new NpgsqlConnection(adminConnection))
        {
            await admin.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", admin) { Parameters = { new() { Value = database } } };
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
        await db.Database.ExecuteSqlRawAsync("TRUNCATE dimension_ratings, survey_responses, interactions, tickets, customers, targets, agents, teams RESTART IDENTITY CASCADE", cancellationToken);
        var options = new DemoOptions(tickets, Seed: 7, Until: new DateOnly(2026, 1, 1), Days: 365, InteractionsPerTicket: 2.0,
            SurveysPerTicket: 0.6);
        await DemoProgressBar.RunAsync(context, "Generating",
            progress => DemoData.LoadAsync(benchConnection, options, progress, cancellationToken));
        return benchConnection;
    }

    private sealed record HandWrittenResult(Dictionary<string, double?> Values, Dictionary<string, double?> Previous);

    /// <summary>
    /// The same numbers as the engine (this period and the previous one), written by hand the fastest way we know:
    /// one aggregate query per source with FILTER clauses and percentile_cont, grouped by which period a record is in,
    /// on the same schema (trigger-maintained interaction_count and repeat_contact).
    /// </summary>
    private static async Task<HandWrittenResult> HandWrittenAsync(string connectionString, ReportPeriod period, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var (from, to, previousFrom) = (period.FromUtc, period.ToUtc(), period.Previous.FromUtc);
        var current = new Dictionary<string, double?>();
        var previous = new Dictionary<string, double?>();

        // Rows of (is current period, measures…); returns the measures of each period.
        async Task<(double?[] Current, double?[] Previous)> RowsAsync(string sql, params object[] parameters)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var p in parameters)
                command.Parameters.Add(new NpgsqlParameter { Value = p });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            double?[] now = new double?[reader.FieldCount - 1], before = new double?[reader.FieldCount - 1];
            while (await reader.ReadAsync(cancellationToken))
            {
                var target = reader.GetBoolean(0) ? now : before;
                for (var i = 1; i < reader.FieldCount; i++)
                    target[i - 1] = reader.IsDBNull(i) ? null : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
            }
            return (now, before);
        }

        void Both((double?[] Current, double?[] Previous) rows, Action<double?[], Dictionary<string, double?>> assign)
        {
            assign(rows.Current, current);
            assign(rows.Previous, previous);
        }

        Both(await RowsAsync($"""
            SELECT submitted_at >= $1,
                   count(*) FILTER (WHERE kind = 'csat' AND score >= 4), count(*) FILTER (WHERE kind = 'csat'), sum(score) FILTER (WHERE kind = 'csat'),
                   count(*) FILTER (WHERE kind = 'nps' AND score >= {KpiMath.PromoterFrom}) - count(*) FILTER (WHERE kind = 'nps' AND score <= {KpiMath.DetractorTo}), count(*) FILTER (WHERE kind = 'nps'),
                   sum(score) FILTER (WHERE kind = 'ces'), count(*) FILTER (WHERE kind = 'ces'),
                   count(*) FILTER (WHERE kind = 'enps' AND score >= {KpiMath.PromoterFrom}) - count(*) FILTER (WHERE kind = 'enps' AND score <= {KpiMath.DetractorTo}), count(*) FILTER (WHERE kind = 'enps')
            FROM survey_responses WHERE submitted_at >= $2 AND submitted_at < $3 GROUP BY 1
            """, from, previousFrom, to), (s, v) =>
        {
            v["csat"] = KpiMath.Percent(s[0], s[1]);
            v["csat_avg"] = KpiMath.Mean(s[2], s[1]);
            v["nps"] = KpiMath.Percent(s[3], s[4]);
            v["ces"] = KpiMath.Mean(s[5], s[6]);
            v["enps"] = KpiMath.Percent(s[7], s[8]);
        });

        Both(await RowsAsync("""
            SELECT created_at >= $1, count(*), count(*) FILTER (WHERE lower(category) = 'complaint'), count(*) FILTER (WHERE lower(category) = 'return'),
                   (percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at)))[1],
                   avg(extract(epoch FROM first_response_at - created_at)),
                   (percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at)))[2],
                   count(*) FILTER (WHERE repeat_contact), count(customer_id)
            FROM tickets t WHERE created_at >= $2 AND created_at < $3 GROUP BY 1
            """, from, previousFrom, to), (c, v) =>
        {
            v["ticket_volume"] = c[0] is > 0 ? c[0] : null;
            v["complaints"] = c[0] is > 0 ? c[1] : null;
            v["returns"] = c[0] is > 0 ? c[2] : null;
            v["first_response_median"] = c[3];
            v["first_response_mean"] = c[4];
            v["first_response_p90"] = c[5];
            v["repeat_contact_rate"] = KpiMath.Percent(c[6], c[7]);
        });

        Both(await RowsAsync("""
            SELECT resolved_at >= $1, count(*) FILTER (WHERE interaction_count = 1 AND NOT reopened), count(*) FILTER (WHERE interaction_count >= 1),
                   count(*) FILTER (WHERE reopened), count(*),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at))
            FROM tickets WHERE resolved_at >= $2 AND resolved_at < $3 GROUP BY 1
            """, from, previousFrom, to), (r, v) =>
        {
            v["fcr"] = KpiMath.Percent(r[0], r[1]);
            v["reopen_rate"] = KpiMath.Percent(r[2], r[3]);
            v["resolution_median"] = r[4];
        });

        Both(await RowsAsync("""
            SELECT started_at >= $1, avg(talk_seconds + hold_seconds + wrap_seconds), sum(talk_seconds), avg(talk_seconds)
            FROM interactions WHERE started_at >= $2 AND started_at < $3 GROUP BY 1
            """, from, previousFrom, to), (i, v) =>
        {
            v["aht"] = i[0];
            v["time_with_customer"] = i[1];
            v["time_with_customer_avg"] = i[2];
        });

        foreach (var (p, v) in new[] { (period, current), (period.Previous, previous) })
        {
            await using var command = new NpgsqlCommand("""
                SELECT count(*) FILTER (WHERE customer_since < $1 AND cancelled_on >= $1 AND cancelled_on < $2),
                       count(*) FILTER (WHERE customer_since < $1 AND (cancelled_on IS NULL OR cancelled_on >= $1)),
                       count(*) FILTER (WHERE customer_since < $2 AND (cancelled_on IS NULL OR cancelled_on >= $2)) - count(*) FILTER (WHERE customer_since >= $1 AND customer_since < $2)
                FROM customers
                """, connection) { Parameters = { new() { Value = p.FromDate }, new() { Value = p.ToDate } } };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            v["churn"] = KpiMath.Percent(reader.GetInt64(0), reader.GetInt64(1));
            v["retention"] = KpiMath.Percent(reader.GetInt64(2), reader.GetInt64(1));
        }
        return new HandWrittenResult(current, previous);
    }

    private static void Verify(KpiReport report, HandWrittenResult sql)
    {
        foreach (var (key, expected, actual) in sql.Values.Select(v => (v.Key, v.Value, report.Kpis[v.Key].Value))
            .Concat(sql.Previous.Select(v => (v.Key + " (previous)", v.Value, report.Kpis[v.Key].Previous))))
        {
            var same = actual is null ? expected is null : expected is not null && Math.Abs(actual.Value - expected.Value) <= 1e-6 * Math.Max(1, Math.Abs(expected.Value));
            if (!same)
                throw new InvalidOperationException($"The engine and the hand-written SQL disagree on {key}: {actual} vs {expected}.");
        }
    }
}
