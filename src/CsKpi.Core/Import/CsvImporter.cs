using CsKpi.Core.Model;
using Npgsql;
using Channels = System.Threading.Channels;

namespace CsKpi.Core.Import;

/// <summary>
/// Imports one CSV file of a kind (csv-formats.md), all or nothing: rows stream through validation into a temporary
/// staging table with binary COPY, then the database checks references and duplicate ids, then one upsert by source
/// id per table (a plain INSERT when the table is empty) — all in one transaction. Any error: nothing is written and every error is reported. The file is
/// never held in memory whole. Each run is recorded in the import history.
/// </summary>
public sealed class CsvImporter(string connectionString)
{
    public Task<ImportSummary> ImportAsync(ImportKind kind, Stream file, string fileName, string userName, ImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var mapping = options.Mapping ?? new ImportMapping { Kinds = [new MappedKind(kind, new Dictionary<string, ColumnSource>())] };
        if (mapping.Kind != kind)
            throw new ArgumentException($"The mapping is for {mapping.Kind.Code()}, not {kind.Code()}.", nameof(options));
        return ImportAsync(mapping, file, fileName, userName, options, progress, cancellationToken);
    }

    /// <summary>
    /// Imports a file through a mapping that may feed several kinds from each row: one pass over the file per kind, in
    /// the order records depend on each other (agents, customers, tickets, interactions, surveys), all in one
    /// transaction — all or nothing across the kinds too. More than one pass needs a seekable stream (a file).
    /// </summary>
    public async Task<ImportSummary> ImportAsync(ImportMapping mapping, Stream file, string fileName, string userName, ImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = DateTime.UtcNow;
        try
        {
            var summary = await RunAsync(mapping, file, fileName, options, progress, cancellationToken);
            if (!options.DryRun)
                await RecordAsync(summary, userName, started, null); // a dry run writes nothing, history included
            return summary;
        }
        catch (Exception e) when (e is not OperationCanceledException && !options.DryRun)
        {
            await RecordAsync(new ImportSummary(mapping.Kind, fileName, ImportOutcome.Rejected, 0, 0, 0, 0, 0, [], 1), userName, started, e.Message);
            throw;
        }
    }

    /// <summary>One kind read from the file: its layout, and whether it only adds agents it does not know yet (agents by name).</summary>
    private sealed record Pass(FileLayout Layout, bool NewAgentsOnly = false, bool AgentsByName = false);

    private async Task<ImportSummary> RunAsync(ImportMapping mapping, Stream file, string fileName, ImportOptions options,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var errors = new ImportErrors(options.MaxErrors);
        ImportSummary Rejected(long rows) =>
            new(mapping.Kind, fileName, ImportOutcome.Rejected, rows, 0, 0, 0, errors.RejectedRows, errors.Sorted(), errors.Total);

        // UTF-8 with or without BOM, lines of a bounded length; invalid bytes are errors, not silently replaced.
        var reader = new CsvRecordReader(file, maxRecordBytes: options.MaxLineBytes);
        var headerFields = new List<string>();
        var hasHeader = reader.ReadHeader(headerFields);
        AddProblems(reader, headerFields, errors);
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
            throw new ArgumentException("A mapping that feeds several kinds reads the file once per kind: give a file, not a stream.", nameof(file));

        var csb = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 };
        await using var connection = new NpgsqlConnection(csb.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Room for the import's hashes and sorts (duplicate ids, new customers, index builds), for this transaction only.
        await ExecuteAsync(connection, "SET LOCAL work_mem = '256MB'; SET LOCAL maintenance_work_mem = '512MB'", cancellationToken);

        var parts = new List<ImportPart>();
        long fileRows = 0;
        var totalBytes = file.CanSeek ? file.Length * passes.Count : (long?)null;
        for (var i = 0; i < passes.Count; i++)
        {
            if (i > 0)
            {
                file.Seek(0, SeekOrigin.Begin);
                reader = new CsvRecordReader(file, maxRecordBytes: options.MaxLineBytes);
                reader.ReadHeader([]);
            }
            var offset = file.CanSeek ? file.Length * i : 0;
            var pass = passes[i];
            var layout = pass.Layout;
            var errorsBefore = errors.Total;
            await ExecuteAsync(connection, "DROP TABLE IF EXISTS import_staging; DROP TABLE IF EXISTS import_affected", cancellationToken);
            await ExecuteAsync(connection, layout.CreateStaging(), cancellationToken);
            var passProgress = progress is null ? null : new Progress<ImportProgress>(p => progress.Report(p with { BytesRead = offset + p.BytesRead, TotalBytes = totalBytes }));
            var parser = new CellParser(options.TimeZone, delimiter, mapping.Dates);
            var (rows, staged) = await StageAsync(connection, reader, headerFields, file, layout, parser, errors,
                passProgress, cancellationToken);
            fileRows = Math.Max(fileRows, rows);
            progress?.Report(new ImportProgress(fileRows, offset + (totalBytes ?? 0) / passes.Count, totalBytes, "checking"));
            if (errorsBefore > 0)
                continue; // an earlier kind was not written: this one is read for its own cell errors, not checked against the database
            if (await WritePassAsync(connection, transaction, pass, staged, errors, cancellationToken) is { } part)
                parts.Add(part);
        }
        if (errors.Total > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Rejected(fileRows);
        }

        if (options.DryRun)
            await transaction.RollbackAsync(cancellationToken);
        else
            await transaction.CommitAsync(cancellationToken);
        progress?.Report(new ImportProgress(fileRows, totalBytes ?? 0, totalBytes, "done"));
        var (inserted, updated, unchanged) = (parts.Sum(p => p.Inserted), parts.Sum(p => p.Updated), parts.Sum(p => p.Unchanged));
        return new ImportSummary(mapping.Kind, fileName, options.DryRun ? ImportOutcome.Checked : ImportOutcome.Imported,
            fileRows, inserted, updated, unchanged, 0, [], 0, parts);
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
        if (mapping.AgentsByName && mapping.CreateAgents && own.Kind != ImportKind.Agents && own.Columns.Any(c => c.Name == "agent_id")
            && own.HeaderOf("agent_id") is { } agentColumn)
        {
            var agents = new MappedKind(ImportKind.Agents, new Dictionary<string, ColumnSource>
            {
                ["agent_id"] = new() { Header = agentColumn },
                ["name"] = new() { Header = agentColumn },
                ["email"] = new() { Value = "" },
                ["team"] = string.IsNullOrWhiteSpace(mapping.TeamHeader) ? new() { Value = "" } : new() { Header = mapping.TeamHeader },
            });
            passes.Add(new Pass(FileLayout.Map(agents, headers, primary: false, errors), NewAgentsOnly: true));
        }
        return passes.OrderBy(p => p.Layout.Kind).ToList(); // stable: the file's own kind first among equals
    }

    /// <summary>Checks one staged kind (<paramref name="rows"/> rows) against the database and writes it; null when the checks found errors.</summary>
    private static async Task<ImportPart?> WritePassAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Pass pass, long rows, ImportErrors errors,
        CancellationToken cancellationToken)
    {
        var layout = pass.Layout;
        var kind = layout.Kind;
        // A small sample is enough for the plans of these few statements (hash joins, one sort), at a third of the cost.
        await ExecuteAsync(connection, "SET LOCAL default_statistics_target = 10; ANALYZE import_staging; RESET default_statistics_target", cancellationToken);
        if (pass.NewAgentsOnly)
        {
            var (records, created) = await AddNewAgentsAsync(connection, cancellationToken);
            return new ImportPart(kind, records, created, 0, records - created);
        }
        if (pass.AgentsByName && kind != ImportKind.Customers)
        {
            await CollectAsync(connection, ImportSql.AmbiguousAgentNames, errors, cancellationToken);
            await ExecuteAsync(connection, ImportSql.AgentIdsFromNames, cancellationToken);
        }
        var table = ImportSql.Table(kind);
        var firstLoad = await IsEmptyAsync(connection, table, cancellationToken);
        var duplicates = ImportSql.Duplicates(layout.IdColumn);
        // A first load leaves duplicate ids to the table's unique source-id index, and lists them only if it objects.
        foreach (var check in firstLoad ? ImportSql.ReferenceChecks(kind) : ImportSql.ReferenceChecks(kind).Prepend(duplicates))
            await CollectAsync(connection, check, errors, cancellationToken);
        if (errors.Total > 0 && firstLoad)
            await CollectAsync(connection, duplicates, errors, cancellationToken);
        if (errors.Total > 0)
            return null;

        if (firstLoad)
        {
            // Plain INSERTs, and every staged row is inserted.
            await transaction.SaveAsync("first_load", cancellationToken);
            try
            {
                var rebuild = rows >= BulkRows
                    ? await DropSecondaryStructuresAsync(connection, table, cancellationToken) : [];
                // A bulk load holds its table exclusively already and goes without the rollups' day marking too:
                // built rollups (e.g. empty ones the web app built at start) are marked stale instead, for a full
                // rebuild. A small one keeps the trigger (cheap, and no lock).
                var bulk = rows >= BulkRows;
                if (bulk && ImportSql.MarksRollups(kind)
                    && await ScalarAsync<bool>(connection, ImportSql.RollupsBuilt, cancellationToken))
                    await ExecuteAsync(connection, ImportSql.RollupsStale, cancellationToken);
                foreach (var trigger in ImportSql.TriggersSkippedByFirstLoad(kind, skipRollupMarking: bulk))
                    rebuild.AddRange(await DropTriggerAsync(connection, table, trigger, cancellationToken));
                // Its bare customers into an empty customers table: the same bulk way (their ids are distinct by construction).
                var intoEmptyCustomers = rows >= BulkRows && ImportSql.CreatesCustomers(kind) && await IsEmptyAsync(connection, "customers", cancellationToken);
                if (intoEmptyCustomers)
                    rebuild.InsertRange(0, await DropSecondaryStructuresAsync(connection, "customers",
                        cancellationToken));
                foreach (var statement in ImportSql.FirstLoad(kind, intoEmptyCustomers))
                    await ExecuteAsync(connection, statement, cancellationToken);
                foreach (var definition in rebuild)
                    await ExecuteAsync(connection, definition, cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await transaction.RollbackAsync("first_load", cancellationToken);
                await CollectAsync(connection, duplicates, errors, cancellationToken);
                if (errors.Total == 0)
                    throw; // not a duplicate id of the file
                return null;
            }
            return new ImportPart(kind, rows, rows, 0, 0);
        }

        // Into a table that has rows, readers are never locked out: no index or trigger is dropped, the upsert takes
        // row locks only, and its cost grows with the file's rows (index probes), not with the table's.
        await ExecuteAsync(connection, "CREATE TEMP TABLE import_affected (id bigint, inserted boolean) ON COMMIT DROP", cancellationToken);
        foreach (var statement in ImportSql.Upsert(kind))
            await ExecuteAsync(connection, statement, cancellationToken);
        var (inserted, updated) = await CountAffectedAsync(connection, cancellationToken);
        return new ImportPart(kind, rows, inserted, updated, rows - inserted - updated);
    }

    /// <summary>Agents named in the file and known neither by name nor by id are created, with their team; returns (names, created).</summary>
    private static async Task<(long Names, long Created)> AddNewAgentsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        foreach (var statement in ImportSql.NewAgents)
            await ExecuteAsync(connection, statement, cancellationToken);
        var names = await ScalarAsync<long>(connection, "SELECT count(DISTINCT lower(name)) FROM import_staging", cancellationToken);
        var created = await ScalarAsync<long>(connection, "SELECT count(*) FROM import_new_agents", cancellationToken);
        return (names, created);
    }

    /// <summary>
    /// Streams the file into the staging table: one thread reads and parses rows into a few reusable batches while
    /// this one writes the parsed batches as COPY, so parsing overlaps the writing and PostgreSQL's work. Memory stays
    /// flat: at most <see cref="BatchesInFlight"/> batches of <see cref="RowBatch.Size"/> rows exist. Returns the rows read
    /// and the rows staged (all but the skipped ones).
    /// </summary>
    private static async Task<(long Read, long Staged)> StageAsync(NpgsqlConnection connection, CsvRecordReader reader,
        IReadOnlyList<string> headers, Stream file, FileLayout layout, CellParser parser, ImportErrors errors,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var free = Channels.Channel.CreateBounded<RowBatch>(BatchesInFlight);
        var parsed = Channels.Channel.CreateBounded<RowBatch>(new Channels.BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
        for (var i = 0; i < BatchesInFlight; i++)
            free.Writer.TryWrite(new RowBatch(layout.Columns.Count));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var totalBytes = file.CanSeek ? file.Length : (long?)null;
        long rows = 0, staged = 0;

        // The parsing side: the only one touching the reader, the parser and the error list until it ends.
        var producer = Task.Run(async () =>
        {
            var fields = new List<string>();
            try
            {
                var batch = await free.Reader.ReadAsync(stop.Token);
                while (reader.Read(fields))
                {
                    rows++;
                    AddProblems(reader, headers, errors);
                    if (reader.TooLong || layout.Skips(fields))
                        continue;
                    // Rows with errors are staged too (bad cells empty), so reference and duplicate checks report them as well.
                    layout.Parse(reader.Line, fields, parser, batch.Values[batch.Count], out batch.Dimensions[batch.Count], errors);
                    batch.Lines[batch.Count++] = reader.Line;
                    if (batch.Count < RowBatch.Size)
                        continue;
                    await parsed.Writer.WriteAsync(batch, stop.Token);
                    batch = await free.Reader.ReadAsync(stop.Token);
                    batch.Count = 0;
                    if (rows % 20_000 == 0)
                        progress?.Report(new ImportProgress(rows, file.CanSeek ? file.Position : 0, totalBytes, "reading"));
                }
                if (batch.Count > 0)
                    await parsed.Writer.WriteAsync(batch, stop.Token);
            }
            catch (CsvFormatException e)
            {
                errors.Add(e.Line, "(file)", null, e.Reason);
            }
            finally
            {
                parsed.Writer.Complete();
            }
        }, stop.Token);

        var copy = await StagingCopy.BeginAsync(connection, layout, cancellationToken);
        try
        {
            await foreach (var batch in parsed.Reader.ReadAllAsync(stop.Token))
            {
                for (var i = 0; i < batch.Count; i++)
                    copy.WriteRow(batch.Lines[i], batch.Values[i], layout.HasDimensions, batch.Dimensions[i]);
                staged += batch.Count;
                free.Writer.TryWrite(batch);
            }
            await producer;
        }
        catch
        {
            await stop.CancelAsync();
            await copy.CancelAsync();
            await Task.WhenAny(producer); // ended by the cancellation; the first exception is the one to report
            throw;
        }
        await copy.CompleteAsync(cancellationToken);
        return (rows, staged);
    }

    private const int BatchesInFlight = 8;

    /// <summary>Parsed rows on their way from the parsing thread to COPY; reused, so cells are overwritten in place.</summary>
    private sealed class RowBatch(int columns)
    {
        public const int Size = 2_000;
        public readonly long[] Lines = new long[Size];
        public readonly object?[][] Values = Enumerable.Range(0, Size).Select(_ => new object?[columns]).ToArray();
        public readonly (string[] Names, int[] Ratings)?[] Dimensions = new (string[] Names, int[] Ratings)?[Size];
        public int Count;
    }

    /// <summary>
    /// The reader's problems with the last record as errors on its line: an over-long line, or the cell (named by
    /// its header) holding invalid UTF-8 or a NUL byte, with the cell's text (invalid bytes shown as U+FFFD).
    /// </summary>
    private static void AddProblems(CsvRecordReader reader, IReadOnlyList<string> headers, ImportErrors errors)
    {
        foreach (var problem in reader.Problems)
        {
            var column = problem.Field < 0 ? "(line)"
                : problem.Field < headers.Count ? headers[problem.Field].Trim()
                : $"({(problem.Field + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)})";
            errors.Add(reader.Line, column, null, problem.Format,
                problem.Position.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>First loads of this many rows or more into an empty table write in bulk (see
    /// <see cref="DropSecondaryStructuresAsync"/>).</summary>
    private const long BulkRows = 50_000;

    /// <summary>
    /// Whether the table is empty, and stays so until this transaction ends: the lock (taken only when it looks empty)
    /// lets readers in but no other writer, so a concurrent import cannot slip rows in before the plain INSERT.
    /// </summary>
    private static async Task<bool> IsEmptyAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        var sql = $"SELECT NOT EXISTS (SELECT 1 FROM {table})";
        if (!await ScalarAsync<bool>(connection, sql, cancellationToken))
            return false;
        await ExecuteAsync(connection, $"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        return await ScalarAsync<bool>(connection, sql, cancellationToken);
    }

    /// <summary>
    /// A bulk first load into an empty table is written faster without the table's indexes and keys: they are dropped
    /// in this transaction and rebuilt before commit — an index build instead of a million insertions, and one
    /// anti-join validating each foreign key instead of a check per row (the references were already checked on the
    /// staging table; re-adding the constraint proves them again). Its plain INSERT needs no index at all: inserting
    /// into the primary key cost a third of a million-row INSERT, building it afterwards a seventh of that; the foreign
    /// keys of other tables referencing it are dropped with it and re-added last (they reference an empty table, so
    /// they check nothing but nulls). Readers of an empty table wait for its first load; a table with rows is never
    /// treated so (its readers would wait for the whole import). Returns the statements that rebuild what was dropped,
    /// in the order to run them.
    /// </summary>
    private static async Task<List<string>> DropSecondaryStructuresAsync(NpgsqlConnection connection, string table,
        CancellationToken cancellationToken)
    {
        // Step: the order of dropping; rebuilding runs the primary key first and the foreign keys referencing it last.
        var structures = new List<(string Drop, string Rebuild, int Step)>();
        await using (var list = new NpgsqlCommand("""
            SELECT 'ALTER TABLE ' || conrelid::regclass || ' DROP CONSTRAINT ' || quote_ident(conname),
                   'ALTER TABLE ' || conrelid::regclass || ' ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid), 0
            FROM pg_constraint WHERE confrelid = $1::regclass AND conrelid <> confrelid AND contype = 'f'
            UNION ALL
            SELECT 'ALTER TABLE ' || $1 || ' DROP CONSTRAINT ' || quote_ident(conname),
                   'ALTER TABLE ' || $1 || ' ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid), 1
            FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p'
            UNION ALL
            SELECT 'DROP INDEX ' || quote_ident(c.relname), pg_get_indexdef(x.indexrelid), 2
            FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
            WHERE x.indrelid = $1::regclass AND NOT x.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
            UNION ALL
            SELECT 'ALTER TABLE ' || $1 || ' DROP CONSTRAINT ' || quote_ident(conname),
                   'ALTER TABLE ' || $1 || ' ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid), 3
            FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'
            ORDER BY 3
            """, connection) { Parameters = { new() { Value = table } } })
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                structures.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        }
        foreach (var structure in structures)
            await ExecuteAsync(connection, structure.Drop, cancellationToken);
        return structures.OrderBy(s => s.Step == 0 ? int.MaxValue : s.Step).Select(s => s.Rebuild).ToList();
    }

    /// <summary>Drops a trigger for this transaction; returns the statement that re-creates it.</summary>
    private static async Task<List<string>> DropTriggerAsync(NpgsqlConnection connection, string table, string trigger, CancellationToken cancellationToken)
    {
        await using var definition = new NpgsqlCommand("SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = $1::regclass AND tgname = $2", connection)
        {
            Parameters = { new() { Value = table }, new() { Value = trigger } },
        };
        if (await definition.ExecuteScalarAsync(cancellationToken) is not string create)
            return [];
        await ExecuteAsync(connection, $"DROP TRIGGER {trigger} ON {table}", cancellationToken);
        return [create];
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task CollectAsync(NpgsqlConnection connection, string sql, ImportErrors errors, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            errors.Add(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                reader.FieldCount > 4 && !reader.IsDBNull(4) ? reader.GetString(4) : null);
    }

    private static async Task<(long Inserted, long Updated)> CountAffectedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM import_affected", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The import history row, written on its own so a rejected file is recorded while nothing else is.</summary>
    private async Task RecordAsync(ImportSummary summary, string userName, DateTime started, string? failure)
    {
        await using var db = Data.Database.CreateContext(connectionString);
        db.ImportRuns.Add(new ImportRun
        {
            Kind = summary.Parts.Count > 1 ? string.Join('+', summary.Parts.Select(p => p.Kind.Code()).Distinct()) : summary.Kind.Code(),
            FileName = summary.FileName.Length > 260 ? summary.FileName[..260] : summary.FileName,
            UserName = userName,
            StartedAt = started,
            FinishedAt = DateTime.UtcNow,
            Result = failure is not null ? ImportResult.Failed : summary.Outcome == ImportOutcome.Rejected ? ImportResult.Rejected : ImportResult.Succeeded,
            Inserted = summary.Inserted,
            Updated = summary.Updated,
            Unchanged = summary.Unchanged,
            Rejected = summary.RejectedRows,
            Message = failure ?? (summary.Outcome == ImportOutcome.Checked ? "dry run: nothing written"
                : summary.TotalErrors > 0 ? $"{summary.TotalErrors} error(s); first: {(summary.Errors.Count > 0 ? summary.Errors[0] : null)}"
                : summary.Parts.Count > 1 ? string.Join("; ", summary.Parts.Select(p => $"{p.Kind.Code()}: {p.Inserted} inserted, {p.Updated} updated, {p.Unchanged} unchanged"))
                : null),
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
