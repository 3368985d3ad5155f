using System.CommandLine;
using System.Globalization;
using CsKpi.Core.Data;
using CsKpi.Core.Import;

namespace CsKpi.Cli.Commands;

/// <summary>
/// <c>cskpi mapping propose FILE | export NAME | import M.json | list</c>: the mapping of an export from another tool
/// as a JSON document (<see cref="MappingDocument"/>), the same the upload page's mapping step proposes, saves,
/// exports and imports. A refused document exits 3 with its problems on stderr, and nothing is saved.
/// </summary>
internal static class MappingCommands
{
    public static Command Create(CliContext context) =>
        new("mapping", "Mappings of exports from other tools: propose one for a file, move saved ones.")
        {
            Propose(context), Export(context), Import(context), List(context),
        };

    private static Command Propose(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "The export (CSV) to propose a mapping for." };
        var kind = new Option<string>("--kind")
        {
            Description = "What each row is: agents, customers, tickets, interactions or surveys.",
            DefaultValueFactory = _ => ImportKind.Tickets.Code(),
        };
        var format = new Option<string>("--format")
        {
            Description = "json (the document, usable as --mapping-file as is) or table.",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "table");
        var command = new Command("propose",
            "The proposed mapping of an export, as the upload page's mapping step proposes it.") { file, kind, format };
        command.SetAction((parsed, cancellationToken) => context.WithDatabaseAsync(parsed, async connection =>
        {
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
                throw new UsageException($"No such file: {path.FullName}");
            if (!ImportKinds.TryParse(parsed.GetValue(kind), out var importKind))
                throw new UsageException($"Unknown kind '{parsed.GetValue(kind)}': " +
                    "use agents, customers, tickets, interactions or surveys.");
            MappingProposal proposal;
            await using (var db = Database.CreateContext(connection))
            await using (var stream = path.OpenRead())
                // The time zone only shows the preview's timestamps, which are not printed.
                proposal = await MappingProposal.ProposeAsync(stream, importKind, new MappingStore(db),
                    TimeZoneInfo.Utc, channels: (await ChannelList.LoadAsync(db, cancellationToken)).Codes,
                    cancellationToken: cancellationToken);
            if (proposal.Sample.Headers.Count == 0)
            {
                await context.Error.WriteLineAsync($"{path.Name}: no header line to map.");
                return CliApp.Rejected;
            }
            var notes = MappingNotes.Of(proposal);
            if (parsed.GetValue(format) == "table")
            {
                await context.Output.WriteAsync(MappingNotes.Table(proposal.Mapping));
                foreach (var note in notes)
                    await context.Output.WriteLineAsync("note: " + note);
            }
            else
            {
                await context.Output.WriteLineAsync(MappingDocument.Write(proposal.Mapping));
                foreach (var note in notes)
                    await context.Error.WriteLineAsync("note: " + note);
            }
            return CliApp.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Export(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The saved mapping's name." };
        var command = new Command("export", "A saved mapping as a JSON document, on stdout.") { name };
        command.SetAction((parsed, cancellationToken) => context.WithDatabaseAsync(parsed, async connection =>
        {
            await using var db = Database.CreateContext(connection);
            var mapping = await new MappingStore(db).ExportAsync(parsed.GetValue(name)!, cancellationToken)
                ?? throw new UsageException($"No mapping is saved as '{parsed.GetValue(name)}'.");
            await context.Output.WriteLineAsync(MappingDocument.Write(mapping));
            return CliApp.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Import(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "The mapping document (JSON)." };
        var name = new Option<string?>("--name")
        {
            Description = "Save it under this name instead of the document's.",
        };
        var command = new Command("import",
            "Save a mapping document under its name (a saved mapping of that name is replaced).") { file, name };
        command.SetAction((parsed, cancellationToken) => context.WithDatabaseAsync(parsed, async connection =>
        {
            var path = parsed.GetValue(file)!;
            if (await ReadAsync(context, path, cancellationToken) is not { } mapping)
                return CliApp.Rejected;
            var saveAs = parsed.GetValue(name) ?? mapping.Name;
            if (saveAs is null || !MappingDocument.IsName(saveAs))
            {
                await context.Error.WriteLineAsync(saveAs is null
                    ? $"{path.Name}: the document has no name: add \"name\" to it, or give --name."
                    : $"{path.Name}: a mapping's name has 1 to 100 characters.");
                return CliApp.Rejected;
            }
            await using var db = Database.CreateContext(connection);
            var store = new MappingStore(db);
            var replaced = await store.GetAsync(saveAs, cancellationToken) is not null;
            // Without the headers of the file it was made for, the columns it reads stand for them.
            await store.SaveAsync(saveAs, mapping, mapping.Headers ?? MappingNotes.HeadersRead(mapping),
                Environment.UserName, cancellationToken);
            await context.Output.WriteLineAsync(
                $"{(replaced ? "Replaced" : "Saved")} the mapping '{saveAs.Trim()}' ({MappingNotes.Kinds(mapping)}).");
            return CliApp.Success;
        }, cancellationToken));
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "The saved mappings: name, kinds, columns, when and by whom saved.");
        command.SetAction((parsed, cancellationToken) => context.WithDatabaseAsync(parsed, async connection =>
        {
            await using var db = Database.CreateContext(connection);
            var saved = await new MappingStore(db).ListAsync(cancellationToken);
            if (saved.Count == 0)
            {
                await context.Output.WriteLineAsync("No saved mappings.");
                return CliApp.Success;
            }
            var rows = saved.Select(m => new[]
            {
                m.Name, MappingNotes.Kinds(ImportMapping.FromJson(m.Definition)),
                m.Headers.Length.ToString(CultureInfo.InvariantCulture),
                m.UpdatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), m.UpdatedBy,
            }).Prepend(["name", "kinds", "columns", "saved (UTC)", "by"]).ToList();
            var widths = Enumerable.Range(0, 5).Select(i => rows.Max(r => r[i].Length)).ToList();
            foreach (var row in rows)
                await context.Output.WriteLineAsync(
                    string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            return CliApp.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// The mapping document in <paramref name="path"/>, or null once every problem is on stderr (exit 3).
    /// </summary>
    internal static async Task<ImportMapping?> ReadAsync(CliContext context, FileInfo path,
        CancellationToken cancellationToken)
    {
        if (!path.Exists)
            throw new UsageException($"No such file: {path.FullName}");
        var (mapping, problems) = MappingDocument.Read(await File.ReadAllTextAsync(path.FullName, cancellationToken));
        foreach (var problem in problems)
            await context.Error.WriteLineAsync(problem.ToString());
        if (mapping is null)
            await context.Error.WriteLineAsync($"{path.Name} is not a mapping document; nothing was done.");
        return mapping;
    }
}
