using System.CommandLine;
using System.Diagnostics;
using CsKpi.Core.Import;

namespace CsKpi.Cli.Commands;

/// <summary><c>cskpi import KIND FILE [--dry-run]</c>: all or nothing; on errors, every one on stderr and exit code 3.</summary>
internal static class ImportCommands
{
    public static Command Create(CliContext context)
    {
        var kind = new Argument<string>("kind") { Description = "agents, customers, tickets, interactions or surveys." };
        kind.AcceptOnlyFromAmong(Enum.GetValues<ImportKind>().Select(k => k.Code()).ToArray());
        var file = new Argument<FileInfo>("file") { Description = "The CSV file (UTF-8, ',' or ';')." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the file and count what would change; write nothing." };
        var timeZone = new Option<string?>("--timezone") { Description = "IANA time zone for timestamps without an offset (default: CSKPI_TIMEZONE, else UTC)." };
        var command = new Command("import", "Import a CSV file (csv-formats.md).") { kind, file, dryRun, timeZone };
        command.SetAction((parsed, cancellationToken) => context.WithDatabaseAsync(parsed, async connection =>
        {
            if (!ImportKinds.TryParse(parsed.GetValue(kind), out var importKind))
                throw new UsageException($"Unknown kind '{parsed.GetValue(kind)}'.");
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
                throw new UsageException($"No such file: {path.FullName}");
            var zoneId = parsed.GetValue(timeZone) ?? context.Environment("CSKPI_TIMEZONE") ?? "UTC";
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
                throw new UsageException($"Unknown time zone '{zoneId}': give an IANA id such as Europe/Warsaw.");

            var watch = Stopwatch.StartNew();
            await using var stream = path.OpenRead();
            var summary = await new CsvImporter(connection).ImportAsync(importKind, stream, path.Name, Environment.UserName,
                new ImportOptions { DryRun = parsed.GetValue(dryRun), TimeZone = zone }, ImportProgressBar.ForTerminal(context), cancellationToken);
            ImportProgressBar.Clear(context);
            if (summary.Outcome == ImportOutcome.Rejected)
            {
                foreach (var error in summary.Errors)
                    await context.Error.WriteLineAsync(error.ToString());
                if (summary.TotalErrors > summary.Errors.Count)
                    await context.Error.WriteLineAsync($"… and {summary.TotalErrors - summary.Errors.Count:N0} more error(s).");
                await context.Error.WriteLineAsync($"{path.Name}: {summary.TotalErrors:N0} error(s) in {summary.RejectedRows:N0} row(s); nothing was imported.");
                return CliApp.Rejected;
            }
            var seconds = Math.Max(watch.Elapsed.TotalSeconds, 0.001);
            await context.Output.WriteLineAsync(
                $"{path.Name}: {summary.Rows:N0} rows — {summary.Inserted:N0} inserted, {summary.Updated:N0} updated, {summary.Unchanged:N0} unchanged" +
                $"{(summary.Outcome == ImportOutcome.Checked ? " (dry run: nothing written)" : "")} in {seconds:0.0} s ({summary.Rows / seconds:N0} rows/s).");
            return CliApp.Success;
        }, cancellationToken));
        return command;
    }
}

/// <summary>A one-line progress bar on stderr when it is a terminal; silent when redirected or in CI.</summary>
internal static class ImportProgressBar
{
    public static IProgress<ImportProgress>? ForTerminal(CliContext context) =>
        ProgressReporter.IsTerminal(context)
            ? new Progress<ImportProgress>(p =>
            {
                var fraction = p.TotalBytes is > 0 ? Math.Clamp((double)p.BytesRead / p.TotalBytes.Value, 0, 1) : 0;
                var filled = (int)(fraction * 30);
                context.Error.Write($"\r[{new string('#', filled)}{new string('.', 30 - filled)}] {fraction,4:P0} {p.Rows:N0} rows, {p.Stage}   ");
            })
            : null;

    public static void Clear(CliContext context)
    {
        if (ProgressReporter.IsTerminal(context))
            context.Error.Write("\r" + new string(' ', 70) + "\r");
    }
}
