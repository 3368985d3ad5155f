using Channels = System.Threading.Channels;

namespace CsKpi.Core.Import;

/// <summary>
/// The file's rows on their way into the staging table: parsed on one thread, written by binary COPY on another,
/// through a few reused batches, so memory stays flat whatever the file's size.
/// </summary>
internal static class StagingPipeline
{
    /// <summary>
    /// Streams the file into the staging table: one thread reads and parses rows into a few reusable batches while
    /// this one writes the parsed batches as COPY, so parsing overlaps the writing and PostgreSQL's work. Memory stays
    /// flat: at most <see cref="BatchesInFlight"/> batches of <see cref="RowBatch.Size"/> rows exist. Returns the rows
    /// read
    /// and the rows staged (all but the skipped ones).
    /// </summary>
    internal static async Task<(long Read, long Staged)> StageAsync(IRowSink copy, CsvRecordReader reader,
        IReadOnlyList<string> headers, Stream file, FileLayout layout, CellParser parser, ImportErrors errors,
        int skipRows, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var free = Channels.Channel.CreateBounded<RowBatch>(BatchesInFlight);
        var parsed = Channels.Channel.CreateBounded<RowBatch>(
            new Channels.BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
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
                    if (reader.Unread || rows <= skipRows || layout.Skips(fields))
                        continue;
                    // Rows with errors are staged too (bad cells empty), so reference and duplicate checks report them
                    // as well.
                    layout.Parse(reader.Line, fields, parser, batch.Values[batch.Count],
                        out batch.Dimensions[batch.Count], errors);
                    batch.Lines[batch.Count++] = reader.Line;
                    if (batch.Count < RowBatch.Size)
                        continue;
                    await parsed.Writer.WriteAsync(batch, stop.Token);
                    batch = await free.Reader.ReadAsync(stop.Token);
                    batch.Count = 0;
                    if (rows % 20_000 == 0)
                        progress?.Report(new ImportProgress(rows, file.CanSeek ? file.Position : 0, totalBytes,
                            "reading"));
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

        try
        {
            await foreach (var batch in parsed.Reader.ReadAllAsync(stop.Token))
            {
                for (var i = 0; i < batch.Count; i++)
                    copy.Write(batch.Lines[i], batch.Values[i], batch.Dimensions[i]);
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

    internal const int BatchesInFlight = 8;

    /// <summary>Parsed rows on their way from the parsing thread to COPY; reused, so cells are overwritten in
    /// place.</summary>
    internal sealed class RowBatch(int columns)
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
    internal static void AddProblems(CsvRecordReader reader, IReadOnlyList<string> headers, ImportErrors errors)
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
}
