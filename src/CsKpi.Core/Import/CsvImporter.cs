using CsKpi.Core.Model;
using Npgsql;

namespace CsKpi.Core.Import;

/// <summary>
/// Imports one CSV file of a kind (csv-formats.md), all or nothing: rows stream through validation into a temporary
/// staging table with binary COPY, then the database checks references and duplicate ids, then one upsert by source
/// id per table (a plain INSERT when the table is empty) — all in one transaction. Any error: nothing is written and
/// every error is reported. The file is
/// never held in memory whole. Each run is recorded in the import history.
/// </summary>
public sealed class CsvImporter(string connectionString)
{
    public Task<ImportSummary> ImportAsync(ImportKind kind, Stream file, string fileName, string userName,
        ImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var mapping = options.Mapping ?? new ImportMapping
        {
            Kinds = [new MappedKind(kind, new Dictionary<string, ColumnSource>())],
        };
        if (mapping.Kind != kind)
            throw new ArgumentException($"The mapping is for {mapping.Kind.Code()}, not {kind.Code()}.",
                nameof(options));
        return ImportAsync(mapping, file, fileName, userName, options, progress, cancellationToken);
    }

    /// <summary>
    /// Imports a file through a mapping that may feed several kinds from each row: one pass over the file per kind, in
    /// the order records depend on each other (agents, customers, tickets, interactions, surveys), all in one
    /// transaction — all or nothing across the kinds too. More than one pass needs a seekable stream (a file).
    /// </summary>
    public async Task<ImportSummary> ImportAsync(ImportMapping mapping, Stream file, string fileName, string userName,
        ImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = DateTime.UtcNow;
        try
        {
            var summary = await RunAsync(mapping, file, fileName, options, progress, cancellationToken);
            if (!options.DryRun)
                await ImportHistory.RecordAsync(connectionString, summary, userName, started,
                    null); // a dry run writes nothing, history included
            return summary;
        }
        catch (Exception e) when (e is not OperationCanceledException && !options.DryRun)
        {
            await ImportHistory.RecordAsync(connectionString, new ImportSummary(mapping.Kind, fileName,
                ImportOutcome.Rejected, 0, 0, 0, 0, 0, [], 1), userName, started, e.Message);
            throw;
        }
    }

    /// <summary>One kind read from the file: its layout, and whether it only adds agents it does not know yet (agents
    /// by name).</summary>
    private sealed record Pass(FileLayout Layout, bool NewAgentsOnly = false, bool AgentsByName = false);

    private async Task<ImportSummary> RunAsync(ImportMapping mapping, Stream file, string fileName,
        ImportOptions options,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var errors = new ImportErrors(options.MaxErrors);
        ImportSummary Rejected(long rows) =>
            new(mapping.Kind, fileName, ImportOutcome.Rejected, rows, 0, 0, 0, errors.RejectedRows, errors.Sorted(),
                errors.Total);

        // In the encoding chosen, else detected; lines of a bounded length; invalid bytes are errors, not silently
        // replaced.
        var encoding = options.Encoding ?? mapping.ChosenEncoding
            ?? (file.CanSeek ? EncodingDetection.Detect(file) : FileEncoding.Utf8);
        var reader = new CsvRecordReader(file, maxRecordBytes: options.MaxLineBytes, encoding: encoding);
        var headerFields = new List<string>();
        var hasHeader = reader.ReadHeader(headerFields);
        StagingPipeline.AddProblems(reader, headerFields, errors);
        if (errors.Total > 0)
            return Rejected(0);
        if (!hasHeader || headerFields.All(string.IsNullOrWhiteSpace))
        {
            errors.Add(1, "(header)", null, "the file is empty: the first line must name the columns");
            return Rejected(0);
        }
        var delimiter = reader.Delimiter;
        var passes = Plan(mapping, headerFields, errors);
        if (errors.Total > 0)
            return Rejected(0);
        if (passes.Count > 1 && !file.CanSeek)
            throw new ArgumentException(
                "A mapping that feeds several kinds reads the file once per kind: give a file, not a stream.",
                nameof(file));

        var csb = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 };
        await using var connection = new NpgsqlConnection(csb.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Room for the import's hashes and sorts (duplicate ids, new customers, index builds), for this transaction
        // only.
        await ImportStatements.ExecuteAsync(connection,
            "SET LOCAL work_mem = '256MB'; SET LOCAL maintenance_work_mem = '512MB'", cancellationToken);

        var channels = await MappedChannels.ReadAsync(connection, mapping, errors, cancellationToken);
        if (errors.Total > 0)
            return Rejected(0);

        var parts = new List<ImportPart>();
        long fileRows = 0;
        var totalBytes = file.CanSeek ? file.Length * passes.Count : (long?)null;
        for (var i = 0; i < passes.Count; i++)
        {
            if (i > 0)
            {
                file.Seek(0, SeekOrigin.Begin);
                reader = new CsvRecordReader(file, maxRecordBytes: options.MaxLineBytes, encoding: encoding);
                reader.ReadHeader([]);
            }
            var offset = file.CanSeek ? file.Length * i : 0;
            var pass = passes[i];
            var layout = pass.Layout;
            var errorsBefore = errors.Total;
            var passProgress = progress is null ? null : new Progress<ImportProgress>(p =>
                progress.Report(p with { BytesRead = offset + p.BytesRead, TotalBytes = totalBytes }));
            var parser = new CellParser(options.TimeZone, delimiter, mapping.Dates, channels.Codes);
            if (errorsBefore == 0
                && TicketsFirstLoad.Applies(layout.Kind, pass.AgentsByName || pass.NewAgentsOnly, file, file.Length)
                && await BulkLoad.IsEmptyAsync(connection, "tickets", cancellationToken))
            {
                var bulk = await BulkTicketsAsync(connection, transaction, reader, headerFields, file, layout, parser,
                    mapping.SkipRows, passProgress, cancellationToken);
                if (bulk is (var read, var written))
                {
                    fileRows = Math.Max(fileRows, read - Math.Min(read, mapping.SkipRows));
                    parts.Add(written);
                    continue;
                }
                // Not loaded in bulk (an error to list, or too many customers to map): the staging way, from the top.
                file.Seek(0, SeekOrigin.Begin);
                reader = new CsvRecordReader(file, maxRecordBytes: options.MaxLineBytes, encoding: encoding);
                reader.ReadHeader([]);
            }
            await ImportStatements.ExecuteAsync(connection,
                "DROP TABLE IF EXISTS import_staging; DROP TABLE IF EXISTS import_affected", cancellationToken);
            await ImportStatements.ExecuteAsync(connection, layout.CreateStaging(), cancellationToken);
            var (rows, staged) = await StagingPipeline.StageAsync(
                await StagingCopy.BeginAsync(connection, layout, cancellationToken), reader, headerFields, file, layout,
                parser, errors, mapping.SkipRows, passProgress, cancellationToken);
            fileRows = Math.Max(fileRows, rows - Math.Min(rows, mapping.SkipRows));
            progress?.Report(new ImportProgress(fileRows, offset + (totalBytes ?? 0) / passes.Count, totalBytes,
                "checking"));
            // An earlier kind was not written: this one is read for its own cell errors, not checked against the
            // database.
            if (errorsBefore > 0)
                continue;
            if (await WritePassAsync(connection, transaction, pass, staged, errors, cancellationToken) is { } part)
                parts.Add(part);
        }
        if (errors.Total > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Rejected(fileRows);
        }

        if (options.DryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
        }
        else
        {
            await channels.AddAsync(connection, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        progress?.Report(new ImportProgress(fileRows, totalBytes ?? 0, totalBytes, "done"));
        var (inserted, updated, unchanged) = (parts.Sum(p => p.Inserted), parts.Sum(p => p.Updated), parts.Sum(p =>
            p.Unchanged));
        return new ImportSummary(mapping.Kind, fileName,
            options.DryRun ? ImportOutcome.Checked : ImportOutcome.Imported,
            fileRows, inserted, updated, unchanged, 0, [], 0, parts);
    }

    /// <summary>
    /// A bulk first load of tickets straight into the empty tickets table (<see cref="TicketsFirstLoad"/>): the rows
    /// read and the part written, or null (nothing written, the file read) when it must be imported the staging way.
    /// </summary>
    private static async Task<(long Read, ImportPart Part)?> BulkTicketsAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, CsvRecordReader reader, IReadOnlyList<string> headers, Stream file,
        FileLayout layout, CellParser parser, int skipRows, IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        await transaction.SaveAsync("bulk_tickets", cancellationToken);
        try
        {
            if (await TicketsFirstLoad.BeginAsync(connection, cancellationToken) is ({ } load, { } rebuild))
            {
                // Its own error list: any error sends the file the staging way, which lists them all.
                var errors = new ImportErrors(1);
                var (read, _) = await StagingPipeline.StageAsync(load, reader, headers, file, layout, parser, errors,
                    skipRows, progress, cancellationToken);
                if (errors.Total == 0 && !load.GaveUp)
                {
                    progress?.Report(new ImportProgress(read, file.Length, file.Length, "checking"));
                    await load.FinishAsync(connection, rebuild, cancellationToken);
                    return (read, new ImportPart(ImportKind.Tickets, load.Written, load.Written, 0, 0));
                }
            }
        }
        catch (PostgresException)
        {
            // A row the table refuses (a duplicate id, a value too long): the staging way names it.
        }
        await transaction.RollbackAsync("bulk_tickets", cancellationToken);
        return null;
    }

    /// <summary>
    /// The passes a mapping makes, in the order records depend on each other. Agents named in the file's own agent
    /// column and not known yet come first, when the mapping creates them.
    /// </summary>
    private static List<Pass> Plan(ImportMapping mapping, IReadOnlyList<string> headers, ImportErrors errors)
    {
        var passes = mapping.Kinds.Select((k, i) => new Pass(FileLayout.Map(k, headers, primary: i == 0, errors),
            AgentsByName: mapping.AgentsByName && k.Kind != ImportKind.Agents)).ToList();
        var own = passes[0].Layout;
        if (mapping.AgentsByName && mapping.CreateAgents && own.Kind != ImportKind.Agents && own.Columns.Any(c =>
            c.Name == "agent_id")
            && own.HeaderOf("agent_id") is { } agentColumn)
        {
            var agents = new MappedKind(ImportKind.Agents, new Dictionary<string, ColumnSource>
            {
                ["agent_id"] = new() { Header = agentColumn },
                ["name"] = new() { Header = agentColumn },
                ["email"] = new() { Value = "" },
                ["team"] = string.IsNullOrWhiteSpace(mapping.TeamHeader)
                    ? new() { Value = "" }
                    : new() { Header = mapping.TeamHeader },
            });
            passes.Add(new Pass(FileLayout.Map(agents, headers, primary: false, errors), NewAgentsOnly: true));
        }
        return passes.OrderBy(p => p.Layout.Kind).ToList(); // stable: the file's own kind first among equals
    }

    /// <summary>Checks one staged kind (<paramref name="rows"/> rows) against the database and writes it; null when the
    /// checks found errors.</summary>
    private static async Task<ImportPart?> WritePassAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Pass pass, long rows, ImportErrors errors,
        CancellationToken cancellationToken)
    {
        var layout = pass.Layout;
        var kind = layout.Kind;
        // A small sample is enough for the plans of these few statements (hash joins, one sort), at a third of the
        // cost.
        await ImportStatements.ExecuteAsync(connection,
            "SET LOCAL default_statistics_target = 10; ANALYZE import_staging; RESET default_statistics_target",
            cancellationToken);
        if (pass.NewAgentsOnly)
        {
            var (records, created) = await AddNewAgentsAsync(connection, cancellationToken);
            return new ImportPart(kind, records, created, 0, records - created);
        }
        if (pass.AgentsByName && kind != ImportKind.Customers)
        {
            await ImportStatements.CollectAsync(connection, ImportSql.AmbiguousAgentNames, errors, cancellationToken);
            await ImportStatements.ExecuteAsync(connection, ImportSql.AgentIdsFromNames, cancellationToken);
        }
        var table = ImportSql.Table(kind);
        var firstLoad = await BulkLoad.IsEmptyAsync(connection, table, cancellationToken);
        var duplicates = ImportSql.Duplicates(layout.IdColumn);
        // A first load leaves duplicate ids to the table's unique source-id index, and lists them only if it objects.
        foreach (var check in firstLoad
            ? ImportSql.ReferenceChecks(kind)
            : ImportSql.ReferenceChecks(kind).Prepend(duplicates))
            await ImportStatements.CollectAsync(connection, check, errors, cancellationToken);
        if (errors.Total > 0 && firstLoad)
            await ImportStatements.CollectAsync(connection, duplicates, errors, cancellationToken);
        if (errors.Total > 0)
            return null;

        if (firstLoad)
        {
            // Plain INSERTs, and every staged row is inserted.
            await transaction.SaveAsync("first_load", cancellationToken);
            try
            {
                var rebuild = rows >= BulkLoad.BulkRows
                    ? await BulkLoad.DropSecondaryStructuresAsync(connection, table, cancellationToken) : [];
                // A bulk load holds its table exclusively already and goes without the rollups' day marking too:
                // built rollups (e.g. empty ones the web app built at start) are marked stale instead, for a full
                // rebuild. A small one keeps the trigger (cheap, and no lock).
                var bulk = rows >= BulkLoad.BulkRows;
                if (bulk && ImportSql.MarksRollups(kind)
                    && await ImportStatements.ScalarAsync<bool>(connection, ImportSql.RollupsBuilt, cancellationToken))
                    await ImportStatements.ExecuteAsync(connection, ImportSql.RollupsStale, cancellationToken);
                foreach (var trigger in ImportSql.TriggersSkippedByFirstLoad(kind, skipRollupMarking: bulk))
                    rebuild.AddRange(await BulkLoad.DropTriggerAsync(connection, table, trigger, cancellationToken));
                // Its bare customers into an empty customers table: the same bulk way (their ids are distinct by
                // construction).
                var intoEmptyCustomers = rows >= BulkLoad.BulkRows && ImportSql.CreatesCustomers(kind)
                    && await BulkLoad.IsEmptyAsync(connection, "customers", cancellationToken);
                if (intoEmptyCustomers)
                    rebuild.InsertRange(0, await BulkLoad.DropSecondaryStructuresAsync(connection, "customers",
                        cancellationToken));
                foreach (var statement in ImportSql.FirstLoad(kind, intoEmptyCustomers))
                    await ImportStatements.ExecuteAsync(connection, statement, cancellationToken);
                foreach (var definition in rebuild)
                    await ImportStatements.ExecuteAsync(connection, definition, cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await transaction.RollbackAsync("first_load", cancellationToken);
                await ImportStatements.CollectAsync(connection, duplicates, errors, cancellationToken);
                if (errors.Total == 0)
                    throw; // not a duplicate id of the file
                return null;
            }
            return new ImportPart(kind, rows, rows, 0, 0);
        }

        // Into a table that has rows, readers are never locked out: no index or trigger is dropped, the upsert takes
        // row locks only, and its cost grows with the file's rows (index probes), not with the table's.
        await ImportStatements.ExecuteAsync(connection,
            "CREATE TEMP TABLE import_affected (id bigint, inserted boolean) ON COMMIT DROP", cancellationToken);
        foreach (var statement in ImportSql.Upsert(kind))
            await ImportStatements.ExecuteAsync(connection, statement, cancellationToken);
        var (inserted, updated) = await CountAffectedAsync(connection, cancellationToken);
        return new ImportPart(kind, rows, inserted, updated, rows - inserted - updated);
    }

    /// <summary>Agents named in the file and known neither by name nor by id are created, with their team; returns
    /// (names, created).</summary>
    private static async Task<(long Names, long Created)> AddNewAgentsAsync(NpgsqlConnection connection,
        CancellationToken cancellationToken)
    {
        foreach (var statement in ImportSql.NewAgents)
            await ImportStatements.ExecuteAsync(connection, statement, cancellationToken);
        var names = await ImportStatements.ScalarAsync<long>(connection,
            "SELECT count(DISTINCT lower(name)) FROM import_staging", cancellationToken);
        var created = await ImportStatements.ScalarAsync<long>(connection, "SELECT count(*) FROM import_new_agents",
            cancellationToken);
        return (names, created);
    }

    private static async Task<(long Inserted, long Updated)> CountAffectedAsync(NpgsqlConnection connection,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM import_affected",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

}
