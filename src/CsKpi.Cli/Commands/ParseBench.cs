using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CsKpi.Core.Import;

namespace CsKpi.Cli.Commands;

/// <summary>
/// <c>cskpi bench parse</c>: the CSV reader alone over the generated tickets file of <c>bench import</c>, every cell to
/// a string as the import needs, no database: the encoding's detection, then the parse, <c>--runs</c> times. With
/// <c>--encoding</c> the file is read in that encoding instead (the transcoding layer in front of the reader).
/// </summary>
internal static class ParseBench
{
    public static Command Create(CliContext context)
    {
        var rows = new Option<int>("--rows")
        {
            Description = "Ticket rows in the generated file.",
            DefaultValueFactory = _ => 1_000_000,
        };
        var runs = new Option<int>("--runs")
        {
            Description = "Runs to take the medians of (after one warm-up run).",
            DefaultValueFactory = _ => 5,
        };
        var encodingName = new Option<string?>("--encoding")
        {
            Description = "Read the file in this encoding instead of the detected one (e.g. windows-1252).",
        };
        var command = new Command("parse", "Time the CSV reader alone: encoding detection, then every cell read.")
        {
            rows, runs, encodingName,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            FileEncoding? chosen = null;
            if (parsed.GetValue(encodingName) is { } name)
                chosen = FileEncodings.TryParse(name, out var e) ? e : throw new UsageException(
                    $"Unknown encoding '{name}'.");
            var count = parsed.GetValue(rows);
            var file = Path.Combine(Path.GetTempPath(), $"cskpi-bench-parse-{count}.csv");
            await ImportBench.WriteFileAsync(file, 0, count, changed: false);
            try
            {
                var times = new List<(double Detect, double Parse)>();
                for (var run = 0; run <= parsed.GetValue(runs); run++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var time = Time(file, chosen, count);
                    if (run > 0)
                        times.Add(time);
                }
                await context.Output.WriteLineAsync(Table(times, count, chosen, new FileInfo(file).Length));
            }
            finally
            {
                File.Delete(file);
            }
            return CliApp.Success;
        });
        return command;
    }

    private static (double Detect, double Parse) Time(string path, FileEncoding? chosen, int expectedRows)
    {
        using var file = File.OpenRead(path);
        var watch = Stopwatch.StartNew();
        var encoding = chosen ?? EncodingDetection.Detect(file);
        var detect = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var reader = new CsvRecordReader(file, encoding: encoding);
        var fields = new List<string>();
        reader.ReadHeader(fields);
        long rows = 0;
        while (reader.Read(fields))
            rows++;
        if (rows != expectedRows)
            throw new InvalidOperationException($"read {rows} rows, not {expectedRows}");
        return (detect, watch.Elapsed.TotalSeconds);
    }

    private static string Table(List<(double Detect, double Parse)> times, int rows, FileEncoding? chosen,
        long bytes)
    {
        var invariant = CultureInfo.InvariantCulture;
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
                : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        var read = chosen is { } c ? $"read as {c.DisplayName()}" : "encoding detected";
        var lines = new List<string>
        {
            string.Create(invariant, $"{rows:N0} ticket rows, {bytes / 1e6:0.0} MB, {read}, load {load} after."),
            "",
            "| run | detect s | parse s | rows/s |",
            "|---:|---:|---:|---:|",
        };
        lines.AddRange(times.Select((t, i) => string.Create(invariant,
            $"| {i + 1} | {t.Detect:0.000} | {t.Parse:0.000} | {rows / t.Parse:N0} |")));
        var (detect, parse) = (Median(times.Select(t => t.Detect)), Median(times.Select(t => t.Parse)));
        lines.Add(string.Create(invariant, $"| median | {detect:0.000} | {parse:0.000} | {rows / parse:N0} |"));
        return string.Join('\n', lines);
    }
}
