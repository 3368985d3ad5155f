using System.CommandLine;
using System.Diagnostics;
using CsKpi.Core.Data;
using CsKpi.Core.Import;
using CsKpi.Core.Kpis;

namespace CsKpi.Cli.Commands;

/// <summary>
/// <c>cskpi import KIND FILE [--dry-run]</c>, or for an export from another tool <c>cskpi import --mapping NAME
/// FILE</c> through a saved mapping, or <c>--mapping-file M.json FILE</c> through a mapping document: all or nothing;
/// on errors, every one on stderr and exit code 3. The file's encoding is detected from its bytes unless
/// <c>--encoding</c> (or the mapping) names it.
/// </summary>
internal static class ImportCommands
{
    public static Command Create(CliContext context)
    {
        var kind = new Argument<string>("kind")
        {
            Description = "agents, customers, tickets, interactions or surveys (left out with a mapping).",
        };
        var file = new Argument<FileInfo?>("file")
        {
            Description = "The CSV file (',' or ';'; UTF-8, UTF-16, Windows-1250/1252 or ISO-8859-2).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Check the file and count what would change; write nothing.",
        };
        var timeZone = new Option<string?>("--timezone")
        {
            Description = "IANA time zone for timestamps without an offset (default: CSKPI_TIMEZONE, else UTC).",
        };
        var mappingName = new Option<string?>("--mapping")
        {
            Description = "The name of a mapping saved on Admin → Upload: the file is an export from another tool.",
        };
        var mappingFile = new Option<FileInfo?>("--mapping-file")
        {
            Description = "A mapping document (JSON, as cskpi mapping propose or export print): the file is an export.",
        };
        var encodingName = new Option<string?>("--encoding")
        {
            Description = "The file's encoding, when detection gets it wrong: utf-8, utf-16le, utf-16be, " +
                "windows-1250, windows-1252 or iso-8859-2.",
        };
        var command = new Command("import",
            "Import a CSV file (csv-formats.md), or an export through a saved mapping or a mapping document.")
        {
            kind, file, dryRun, timeZone, mappingName, mappingFile, encodingName,
        };
        command.SetAction((parsed, cancellationToken) => context.WithDatabaseAsync(parsed, async connection =>
        {
            var name = parsed.GetValue(mappingName);
            var document = parsed.GetValue(mappingFile);
            if (name is not null && document is not null)
                throw new UsageException("Give --mapping or --mapping-file, not both.");
            // With a mapping the one argument is the file; a kind given as well must be the mapping's.
            var (kindText, path) = (name is not null || document is not null) && parsed.GetValue(file) is null
                ? (null, new FileInfo(parsed.GetValue(kind)!))
                : (parsed.GetValue(kind), parsed.GetValue(file)
                    ?? throw new UsageException("Give the kind and the file: cskpi import KIND FILE."));
            ImportKind? importKind = null;
            if (kindText is not null)
                importKind = ImportKinds.TryParse(kindText, out var k)
                    ? k
                    : throw new UsageException(
                        $"Unknown kind '{kindText}': use agents, customers, tickets, interactions or surveys.");
            if (!path.Exists)
                throw new UsageException($"No such file: {path.FullName}");
            var zoneId = parsed.GetValue(timeZone) ?? context.Environment("CSKPI_TIMEZONE") ?? "UTC";
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
                throw new UsageException($"Unknown time zone '{zoneId}': give an IANA id such as Europe/Warsaw.");
            FileEncoding? chosen = null;
            if (parsed.GetValue(encodingName) is { } encodingText)
                chosen = FileEncodings.TryParse(encodingText, out var e)
                    ? e
                    : throw new UsageException($"Unknown encoding '{encodingText}': use " +
                        string.Join(", ", FileEncodings.All.Select(x => x.Code())) + ".");
            ImportMapping? mapping = null;
            IReadOnlyList<string>? madeFor = null;
            if (name is not null)
            {
                await using var db = Database.CreateContext(connection);
                var saved = await new MappingStore(db).GetAsync(name, cancellationToken)
                    ?? throw new UsageException($"No mapping is saved as '{name}': save one on Admin → Upload.");
                (mapping, madeFor) = (ImportMapping.FromJson(saved.Definition), saved.Headers);
            }
            else if (document is not null)
            {
                if (await MappingCommands.ReadAsync(context, document, cancellationToken) is not { } read)
                    return CliApp.Rejected;
                // A document without the headers of its file says nothing about other columns.
                (mapping, madeFor, name) = (read, read.Headers, read.Name ?? document.Name);
            }
            if (mapping is not null)
            {
                if (importKind is { } given && given != mapping.Kind)
                    throw new UsageException(
                        $"The mapping '{name}' imports {mapping.Kind.Code()}, not {given.Code()}.");
                FilePreview headers;
                await using (var head = path.OpenRead())
                    headers = ColumnMatcher.Preview(head, 0, encoding: chosen ?? mapping.ChosenEncoding);
                // A file with other columns is another export: never imported through this mapping unseen.
                if (madeFor is not null && headers.Headers.Count > 0
                    && MappingFit.Of(mapping, madeFor, headers.Headers) is { Identical: false } fit)
                {
                    await WriteDifferencesAsync(context, path.Name, name!, fit);
                    return CliApp.Rejected;
                }
            }

            var watch = Stopwatch.StartNew();
            await using var stream = path.OpenRead();
            var encoding = chosen ?? mapping?.ChosenEncoding ?? EncodingDetection.Detect(stream);
            if (encoding != FileEncoding.Utf8)
                await context.Output.WriteLineAsync($"{path.Name}: read as {encoding.DisplayName()}" +
                    (chosen is null && mapping?.ChosenEncoding is null ? " (detected)" : "") + ".");
            var options = new ImportOptions
            {
                DryRun = parsed.GetValue(dryRun),
                TimeZone = zone,
                Mapping = mapping,
                Encoding = encoding,
            };
            // A killed command must not leave its statement running for minutes, holding its locks.
            var importer = new CsvImporter(SessionLimits.Imports.Apply(connection));
            var summary = await TerminalProgress.RunAsync<ImportSummary, ImportProgress>(context, path.Name,
                p => (p.BytesRead, p.TotalBytes ?? 0, $"{p.Stage}, {p.Rows:N0} rows"),
                progress => mapping is not null
                    ? importer.ImportAsync(mapping, stream, path.Name, Environment.UserName, options, progress,
                        cancellationToken)
                    : importer.ImportAsync(importKind!.Value, stream, path.Name, Environment.UserName, options,
                        progress, cancellationToken));
            if (summary.Outcome == ImportOutcome.Rejected)
            {
                foreach (var error in summary.Errors)
                    await context.Error.WriteLineAsync(error.ToString());
                if (summary.TotalErrors > summary.Errors.Count)
                    await context.Error.WriteLineAsync(
                        $"… and {summary.TotalErrors - summary.Errors.Count:N0} more error(s).");
                await context.Error.WriteLineAsync(
                    $"{path.Name}: {summary.TotalErrors:N0} error(s) in {summary.RejectedRows:N0} row(s); " +
                    "nothing was imported.");
                return CliApp.Rejected;
            }
            var seconds = Math.Max(watch.Elapsed.TotalSeconds, 0.001);
            await context.Output.WriteLineAsync(
                $"{path.Name}: {summary.Rows:N0} rows — {summary.Inserted:N0} inserted, " +
                $"{summary.Updated:N0} updated, {summary.Unchanged:N0} unchanged" +
                $"{(summary.Outcome == ImportOutcome.Checked ? " (dry run: nothing written)" : "")} " +
                $"in {seconds:0.0} s ({summary.Rows / seconds:N0} rows/s).");
            if (summary.Outcome == ImportOutcome.Imported)
            {
                // After the import's own time: the dashboard's rollups, which the import does not need to wait for.
                watch.Restart();
                if (await RefreshRollupsAsync(connection, cancellationToken))
                    await context.Output.WriteLineAsync(
                        $"Dashboard rollups brought up to date in {watch.Elapsed.TotalSeconds:0.0} s.");
            }
            if (summary.Parts.Count > 1)
            {
                foreach (var part in summary.Parts)
                    await context.Output.WriteLineAsync(
                        $"  {part.Kind.Code()}: {part.Records:N0} records — {part.Inserted:N0} inserted, " +
                        $"{part.Updated:N0} updated, {part.Unchanged:N0} unchanged");
            }
            return CliApp.Success;
        }, cancellationToken));
        return command;
    }

    private static async Task WriteDifferencesAsync(CliContext context, string file, string name, MappingFit fit)
    {
        foreach (var header in fit.Missing)
            await context.Error.WriteLineAsync($"column {header}: the mapping '{name}' reads it; {file} lacks it");
        foreach (var header in fit.New)
            await context.Error.WriteLineAsync(
                $"column {header}: not in the file '{name}' was saved with; the mapping would leave it unused");
        foreach (var target in fit.Unmapped)
            await context.Error.WriteLineAsync($"{target}: would be left unmapped");
        await context.Error.WriteLineAsync($"{file} does not have the columns the mapping '{name}' was saved with; " +
            "nothing was imported: map it on Admin → Upload.");
    }

    /// <summary>
    /// The rollups, when built for a zone, brought up to date for it after the commit: the web app's background
    /// service would, but none may be running, and no request rebuilds them. False when there was nothing to do it for.
    /// </summary>
    private static async Task<bool> RefreshRollupsAsync(string connection, CancellationToken cancellationToken)
    {
        await using var db = Database.CreateContext(connection);
        return await DailyRollups.BuiltZoneAsync(db, cancellationToken) is { } zone
            && await DailyRollups.RefreshAsync(db, zone, cancellationToken);
    }
}
