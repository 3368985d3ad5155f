using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsKpi.Core.Data;
using CsKpi.Core.Kpis;
using CsKpi.Core.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CsKpi.Cli.Commands;

/// <summary>
/// <c>cskpi bench overview</c>: the overview page's numbers for one month (December 2025, by day, no filters, as
/// <c>/?period=custom&amp;from=2025-12-01&amp;to=2025-12-31</c> asks them) gathered the way the page gathers them —
/// <see cref="Overview"/> on pooled contexts, nothing cached — on the database of <c>cskpi bench kpi</c>. With
/// <c>--parts</c> it also times each part alone, one after another, to show where the time goes.
/// </summary>
internal static class OverviewBench
{
    public static Command Create(CliContext context)
    {
        var tickets = new Option<int>("--tickets")
        {
            Description = "Tickets in the benchmark database (built once, shared with bench kpi).",
            DefaultValueFactory = _ => 1_000_000
        };
        var runs = new Option<int>("--runs") { Description = "Timed runs.", DefaultValueFactory = _ => 20 };
        var warmup = new Option<int>("--warmup")
        {
            Description = "Untimed runs first (the JIT's tiers settle, caches fill).",
            DefaultValueFactory = _ => 30
        };
        var parts = new Option<bool>("--parts") { Description = "Also time each part of the overview alone." };
        var numbers = new Option<string?>("--numbers")
        {
            Description = "Write every number of the overview to this file, to compare two versions."
        };
        var raw = new Option<bool>("--raw")
        {
            Description =
            "Read every number from the raw rows, not the daily rollups (with --numbers: the file must be the same)."
        };
        var command = new Command("overview", "Time the overview page's numbers for a month.") { tickets, runs, warmup,
            parts, numbers, raw };
        command.SetAction((parsed, cancellationToken) => context.WithDatabaseAsync(parsed, async connection =>
        {
            var count = parsed.GetValue(tickets);
            var benchConnection = await KpiBench.EnsureDataAsync(context, connection, count, cancellationToken);
            var contexts =
                new PooledDbContextFactory<KpiDbContext>(new
                DbContextOptionsBuilder<KpiDbContext>().UseCsKpiPostgres(benchConnection).Options);
            var period = ReportPeriod.Dates(new DateOnly(2025, 12, 1), new DateOnly(2026, 1, 1), TimeZoneInfo.Utc);
            var request = new OverviewRequest(period, KpiFilters.None, Grouping.Day);
            var output = context.Output;
            var loadBefore = LoadAverage();
            var refresh = Stopwatch.StartNew();
            var engine = parsed.GetValue(raw) ? KpiEngineOptions.RawRows : KpiEngineOptions.Default;
            if (engine.UseRollups)
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                await DailyRollups.RefreshAsync(db, period.TimeZone.Id, cancellationToken);
            }
            var refreshText = string.Create(CultureInfo.InvariantCulture, $"{refresh.Elapsed.TotalMilliseconds:N0} ms");

            var times = new List<double>();
            OverviewNumbers? result = null;
            var cpu = TimeSpan.Zero;
            for (var i = -parsed.GetValue(warmup); i < parsed.GetValue(runs); i++)
            {
                if (i == 0)
                    cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                result = await new Overview(contexts, engine).GatherAsync(request, cancellationToken);
                if (i >= 0)
                    times.Add(watch.Elapsed.TotalMilliseconds);
            }
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var text = Numbers(result!);
            if (parsed.GetValue(numbers) is { } file)
                await File.WriteAllTextAsync(file, text, cancellationToken);

            await output.WriteLineAsync($"Data: {count:N0} tickets; overview of {ReportPeriod.Format(period.From)} … "
                + $"{ReportPeriod.Format(period.To)} by day, no filters: "
                + $"{result!.Report.Kpis[KpiRegistry.TicketVolume].Value:N0} tickets in the month.");
            var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
            await output.WriteLineAsync($"Numbers fingerprint: {fingerprint} (every value, to compare versions).");
            await output.WriteLineAsync(engine.UseRollups
                ? $"Daily rollups brought up to date first in {refreshText} "
                    + "(a full build when they were absent or stale)."
                : "Every number read from the raw rows (--raw).");
            await output.WriteLineAsync();
            await output.WriteLineAsync("| overview numbers | median ms | p95 ms | min ms |");
            await output.WriteLineAsync("|---|---:|---:|---:|");
            await output.WriteLineAsync(KpiBench.Row($"all parts side by side ({times.Count} runs)", times));
            var cpuText = string.Create(CultureInfo.InvariantCulture,
                $"{cpu.TotalMilliseconds / Math.Max(1, times.Count):0}");

            if (parsed.GetValue(parts))
            {
                foreach (var (name, part) in Parts(request, engine))
                {
                    var partTimes = new List<double>();
                    var partCpu = TimeSpan.Zero;
                    for (var i = -Math.Min(3, parsed.GetValue(warmup)); i < parsed.GetValue(runs); i++)
                    {
                        if (i == 0)
                            partCpu = Process.GetCurrentProcess().TotalProcessorTime;
                        var watch = Stopwatch.StartNew();
                        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
                            await part(db, cancellationToken);
                        if (i >= 0)
                            partTimes.Add(watch.Elapsed.TotalMilliseconds);
                    }
                    partCpu = Process.GetCurrentProcess().TotalProcessorTime - partCpu;
                    var partCpuText = $"{partCpu.TotalMilliseconds / Math.Max(1, partTimes.Count):0}";
                    await output.WriteLineAsync(
                        KpiBench.Row($"part alone: {name} (client CPU {partCpuText} ms)", partTimes));
                }
            }
            await output.WriteLineAsync();
            await output.WriteLineAsync($"Client (this process) CPU per overview: {cpuText} ms. "
                + $"Load average (1/5/15 min) before: {loadBefore}; after: {LoadAverage()}; "
                + $"{Environment.ProcessorCount} cores.");
            return CliApp.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>The parts <see cref="Overview"/> runs side by side, each to be timed alone.</summary>
    private static IEnumerable<(string Name, Func<KpiDbContext, CancellationToken, Task>)> Parts(
        OverviewRequest request, KpiEngineOptions engine)
    {
        var (period, filters) = (request.Period, request.Filters);
        var (report, totals) = (new KpiRequest(period, filters, request.Trend), new KpiRequest(period, filters));
        var channels = new KpiRequest(period, filters, Grouping.Channel);
        static string Sources(IReadOnlyList<string> kpis) =>
            string.Join(" + ", kpis.Select(k => KpiRegistry.Get(k).Source).Distinct());
        foreach (var kpis in Overview.ReportParts)
            yield return ($"report of {Sources(kpis)}", (db, ct) => new KpiReports(db, engine).RunAsync(report, kpis,
                ct));
        yield return ($"totals of {Sources(Overview.SplitPart)}",
            (db, ct) => new KpiReports(db, engine).RunAsync(totals, Overview.SplitPart, ct));
        yield return ($"trend of {Sources(Overview.SplitPart)}",
            (db, ct) => new KpiReports(db, engine).GroupsAsync(report, Overview.SplitPart, ct));
        yield return ("key drivers", (db, ct) => new KeyDrivers(db, engine).AnalyseAsync(period, filters, ct));
        yield return ("channel bars",
            (db, ct) => new KpiReports(db, engine).GroupsAsync(channels, Overview.ChannelKpis, ct));
        yield return ("targets", (db, ct) => KpiTargets.LoadAsync(db, ct));
        yield return ("NPS split",
            (db, ct) => new SurveyBreakdowns(db, engine).NetScoreSplitAsync(period, filters, SurveyKind.Nps, ct));
        yield return ("first-response histogram",
            (db, ct) => new ResponseTimeDistribution(db, engine).AnalyseAsync(period, filters, ct));
    }

    /// <summary>
    /// Every number of the overview, one per line, doubles round-trippable: equal text, equal numbers.
    /// </summary>
    private static string Numbers(OverviewNumbers numbers)
    {
        var text = new StringBuilder();
        void Kpis(string prefix, IReadOnlyDictionary<string, KpiValue> kpis)
        {
            foreach (var (key, v) in kpis)
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{prefix} {key} {v.Value:R} {v.Count} {v.Previous:R} {v.PreviousCount}");
        }
        Kpis("total", numbers.Report.Kpis);
        foreach (var group in numbers.Report.Groups ?? [])
            Kpis($"trend {group.Key}", group.Kpis);
        foreach (var group in numbers.Channels)
            Kpis($"channel {group.Key}", group.Kpis);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"nps split {numbers.Split.Promoters} {numbers.Split.Passives} {numbers.Split.Detractors}");
        foreach (var wait in numbers.Waits)
            text.AppendLine(CultureInfo.InvariantCulture, $"wait {wait.Label} {wait.Tickets}");
        foreach (var driver in numbers.Drivers)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"driver {driver.Dimension} {driver.N} {driver.Importance:R} {driver.Performance:R}");
        foreach (var kpi in KpiRegistry.All)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"target {kpi.Key} {numbers.Targets.For(kpi.Key, KpiFilters.None):R}");
        foreach (var note in numbers.Report.Notes)
            text.AppendLine(CultureInfo.InvariantCulture, $"note {note.Text}");
        return text.ToString();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ',
            File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
