using System.Text;
using CsKpi.Core.Model;
using Npgsql;
using NpgsqlTypes;

namespace CsKpi.Core.Import;

/// <summary>
/// Imports one CSV file of a kind (csv-formats.md), all or nothing: rows stream through validation into a temporary
/// staging table with binary COPY, then the database checks references and duplicate ids, then one upsert by source
/// id per table — all in one transaction. Any error: nothing is written and every error is reported. The file is
/// never held in memory whole. Each run is recorded in the import history.
/// </summary>
public sealed class CsvImporter(string connectionString)
{
    public async Task<ImportSummary> ImportAsync(ImportKind kind, Stream file, string fileName, string userName, ImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = DateTime.UtcNow;
        try
        {
            var summary = await RunAsync(kind, file, fileName, options, progress, cancellationToken);
            if (!options.DryRun)
                await RecordAsync(summary, userName, started, null); // a dry run writes nothing, history included
            return summary;
        }
        catch (Exception e) when (e is not OperationCanceledException && !options.DryRun)
        {
            await RecordAsync(new ImportSummary(kind, fileName, ImportOutcome.Rejected, 0, 0, 0, 0, 0, [], 1), userName, started, e.Message);
            throw;
        }
    }

    private async Task<ImportSummary> RunAsync(ImportKind kind, Stream file, string fileName, ImportOptions options,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var errors = new ImportErrors(options.MaxErrors);
        ImportSummary Rejected(long rows) =>
            new(kind, fileName, ImportOutcome.Rejected, rows, 0, 0, 0, errors.RejectedRows, errors.Sorted(), errors.Total);

        // UTF-8 with or without BOM; invalid bytes are an error, not silently replaced.
        using var text = new StreamReader(file, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var headerLine = text.ReadLine();
        if (string.IsNullOrWhiteSpace(headerLine))
        {
            errors.Add(1, "(header)", null, "the file is empty: the first line must name the columns");
            return Rejected(0);
        }
        var delimiter = DetectDelimiter(headerLine);
        var headerFields = new List<string>();
        new CsvRecordReader(new StringReader(headerLine), delimiter).Read(headerFields);
        var layout = FileLayout.Map(kind, headerFields, options.ColumnMapping, errors);
        if (errors.Total > 0)
            return Rejected(0);

        var csb = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 };
        await using var connection = new NpgsqlConnection(csb.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, layout.CreateStaging(), cancellationToken);

        var parser = new CellParser(options.TimeZone, delimiter);
        var reader = new CsvRecordReader(text, delimiter, firstLine: 2);
        var fields = new List<string>();
        var values = new object?[layout.Columns.Count];
        long rows = 0;
        var totalBytes = file.CanSeek ? file.Length : (long?)null;
        await using (var copy = await connection.BeginBinaryImportAsync(layout.CopyCommand(), cancellationToken))
        {
            try
            {
                while (reader.Read(fields))
                {
                    rows++;
                    // Rows with errors are staged too (bad cells empty), so reference and duplicate checks report them as well.
                    layout.Parse(reader.Line, fields, parser, values, out var dimensions, errors);
                    await WriteRowAsync(copy, reader.Line, layout, values, dimensions, cancellationToken);
                    if (rows % 20_000 == 0)
                        progress?.Report(new ImportProgress(rows, file.CanSeek ? file.Position : 0, totalBytes, "reading"));
                }
            }
            catch (CsvFormatException e)
            {
                errors.Add(e.Line, "(file)", null, e.Reason);
            }
            catch (DecoderFallbackException)
            {
                errors.Add(reader.Line + 1, "(file)", null, "the file is not UTF-8 text (save it as CSV UTF-8)");
            }
            await copy.CompleteAsync(cancellationToken);
        }
        progress?.Report(new ImportProgress(rows, totalBytes ?? 0, totalBytes, "checking"));

        await ExecuteAsync(connection, "ANALYZE import_staging", cancellationToken);
        foreach (var check in ImportSql.ReferenceChecks(kind).Prepend(ImportSql.Duplicates(layout.IdColumn)))
            await CollectAsync(connection, check, errors, cancellationToken);
        if (errors.Total > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Rejected(rows);
        }

        progress?.Report(new ImportProgress(rows, totalBytes ?? 0, totalBytes, "writing"));
        await ExecuteAsync(connection, "CREATE TEMP TABLE import_affected (id bigint, inserted boolean) ON COMMIT DROP", cancellationToken);
        foreach (var statement in ImportSql.Upsert(kind))
            await ExecuteAsync(connection, statement, cancellationToken);
        var (inserted, updated) = await CountAffectedAsync(connection, cancellationToken);
        if (options.DryRun)
            await transaction.RollbackAsync(cancellationToken);
        else
            await transaction.CommitAsync(cancellationToken);
        progress?.Report(new ImportProgress(rows, totalBytes ?? 0, totalBytes, "done"));
        return new ImportSummary(kind, fileName, options.DryRun ? ImportOutcome.Checked : ImportOutcome.Imported,
            rows, inserted, updated, rows - inserted - updated, 0, [], 0);
    }

    /// <summary>',' or ';', whichever the header line uses more outside quotes (European exports use ';').</summary>
    public static char DetectDelimiter(string headerLine)
    {
        int commas = 0, semicolons = 0;
        var quoted = false;
        foreach (var c in headerLine)
        {
            if (c == '"')
                quoted = !quoted;
            else if (!quoted && c == ',')
                commas++;
            else if (!quoted && c == ';')
                semicolons++;
        }
        return semicolons > commas ? ';' : ',';
    }

    private static async Task WriteRowAsync(NpgsqlBinaryImporter copy, long line, FileLayout layout, object?[] values,
        (string[] Names, int[] Ratings)? dimensions, CancellationToken cancellationToken)
    {
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(line, NpgsqlDbType.Bigint, cancellationToken);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value)
                await copy.WriteAsync(value, layout.Columns[i].StagingType, cancellationToken);
            else
                await copy.WriteNullAsync(cancellationToken);
        }
        if (layout.HasDimensions)
        {
            await copy.WriteAsync(dimensions?.Names ?? [], NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(dimensions?.Ratings ?? [], NpgsqlDbType.Array | NpgsqlDbType.Integer, cancellationToken);
        }
    }

    private static async Task CollectAsync(NpgsqlConnection connection, string sql, ImportErrors errors, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            errors.Add(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3));
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
            Kind = summary.Kind.Code(),
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
                : summary.TotalErrors > 0 ? $"{summary.TotalErrors} error(s); first: {(summary.Errors.Count > 0 ? summary.Errors[0] : null)}" : null),
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
