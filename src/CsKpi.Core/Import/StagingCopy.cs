using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace CsKpi.Core.Import;

/// <summary>Where the import's parsing pipeline hands its rows: the staging table, or a first load's final one.
/// </summary>
internal interface IRowSink
{
    /// <summary>One parsed row: its line, the cells (null for empty or invalid ones), a survey's dim_* ratings.
    /// </summary>
    void Write(long line, object?[] values, (string[] Names, int[] Ratings)? dimensions);

    Task CompleteAsync(CancellationToken cancellationToken);

    /// <summary>Ends the COPY without writing anything (an error on our side): PostgreSQL discards it.</summary>
    Task CancelAsync();
}

/// <summary>
/// Writes rows in PostgreSQL's binary COPY format straight into a large buffer, flushed to the connection's
/// raw COPY stream. A million rows of ten cells through a general-purpose writer cost more than parsing them; this
/// writes each cell with a few stores. Values are encoded as Npgsql would (timestamps as UTC microseconds since
/// 2000-01-01, DateTime/DateOnly min and max as ∓infinity).
/// </summary>
internal sealed class StagingCopy : IRowSink
{
    private const int TextOid = 25;
    private const int IntegerOid = 23;
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;
    private static readonly UTF8Encoding Utf8 = new(false, throwOnInvalidBytes: true);

    private readonly Stream _stream;
    private readonly short _fieldCount;
    private readonly bool _hasDimensions;
    private byte[] _buffer = new byte[1 << 18];
    private int _length;

    private StagingCopy(Stream stream, short fieldCount, bool hasDimensions = false)
    {
        _stream = stream;
        _fieldCount = fieldCount;
        _hasDimensions = hasDimensions;
        // The signature "PGCOPY\n\377\r\n\0", then flags and header extension length, both zero.
        ReadOnlySpan<byte> signature = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00];
        signature.CopyTo(_buffer);
        _length = signature.Length + 8;
    }

    public static async Task<StagingCopy> BeginAsync(NpgsqlConnection connection, FileLayout layout,
        CancellationToken cancellationToken) =>
        new(await connection.BeginRawBinaryCopyAsync(layout.CopyCommand(), cancellationToken),
            (short)(1 + layout.Columns.Count + (layout.HasDimensions ? 2 : 0)), layout.HasDimensions);

    /// <summary>A COPY of rows of <paramref name="fieldCount"/> values each (<paramref name="copyCommand"/>: FROM
    /// STDIN, FORMAT BINARY), written with <see cref="WriteRow(object?[])"/>.</summary>
    public static async Task<StagingCopy> BeginAsync(NpgsqlConnection connection, string copyCommand,
        short fieldCount, CancellationToken cancellationToken) =>
        new(await connection.BeginRawBinaryCopyAsync(copyCommand, cancellationToken), fieldCount);

    /// <summary>One staged row: its line, the parsed cells, and the dim_* ratings of a survey.</summary>
    public void Write(long line, object?[] values, (string[] Names, int[] Ratings)? dimensions)
    {
        Ensure(2 + 12);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), _fieldCount);
        _length += 2;
        WriteInt64(line);
        WriteValues(values);
        if (_hasDimensions)
        {
            var (names, ratings) = dimensions ?? ([], []);
            WriteArray(TextOid, names.Length, names.Sum(n => 4 + Utf8.GetMaxByteCount(n.Length)), i =>
                WriteText(names[i]));
            WriteArray(IntegerOid, ratings.Length, ratings.Length * 8, i => WriteInt32(ratings[i]));
        }
        if (_length >= _buffer.Length / 2)
            Flush();
    }

    /// <summary>One row of exactly the COPY's values.</summary>
    public void WriteRow(object?[] values)
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), _fieldCount);
        _length += 2;
        WriteValues(values);
        if (_length >= _buffer.Length / 2)
            Flush();
    }

    private void WriteValues(object?[] values)
    {
        foreach (var value in values)
        {
            switch (value)
            {
                case null:
                    Ensure(4);
                    BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), -1);
                    _length += 4;
                    break;
                case string text:
                    WriteText(text);
                    break;
                case DateTime timestamp:
                    WriteInt64(timestamp == DateTime.MinValue ? long.MinValue
                        : timestamp == DateTime.MaxValue ? long.MaxValue
                        : (timestamp.Ticks - PostgresEpochTicks) / 10);
                    break;
                case int number:
                    WriteInt32(number);
                    break;
                case bool flag:
                    Ensure(5);
                    BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), 1);
                    _buffer[_length + 4] = flag ? (byte)1 : (byte)0;
                    _length += 5;
                    break;
                case DateOnly date:
                    WriteInt32(date == DateOnly.MinValue ? int.MinValue
                        : date == DateOnly.MaxValue ? int.MaxValue
                        : date.DayNumber - PostgresEpochDay);
                    break;
                case long number:
                    WriteInt64(number);
                    break;
                default:
                    throw new ArgumentException($"no COPY encoding for {value.GetType().Name}", nameof(values));
            }
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), -1);
        _length += 2;
        await _stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        _length = 0;
        await _stream.DisposeAsync();
    }

    public async Task CancelAsync()
    {
        if (_stream is NpgsqlRawCopyStream raw)
            await raw.CancelAsync();
        await _stream.DisposeAsync();
    }

    /// <summary>Synchronous on purpose: one blocking write per 128 KB costs less than an await per row.</summary>
    private void Flush()
    {
        _stream.Write(_buffer, 0, _length);
        _length = 0;
    }

    private void Ensure(int bytes)
    {
        if (_length + bytes <= _buffer.Length)
            return;
        Flush();
        if (bytes > _buffer.Length)
            _buffer = new byte[bytes];
    }

    private void WriteInt32(int value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), 4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length + 4), value);
        _length += 8;
    }

    private void WriteInt64(long value)
    {
        Ensure(12);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), 8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length + 4), value);
        _length += 12;
    }

    private void WriteText(string text)
    {
        Ensure(4 + Utf8.GetMaxByteCount(text.Length));
        var written = Utf8.GetBytes(text, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), written);
        _length += 4 + written;
    }

    /// <summary>A one-dimensional array without nulls (or an empty one): header, then its elements.</summary>
    private void WriteArray(int elementOid, int count, int maxElementBytes, Action<int> writeElement)
    {
        Ensure(4 + 20 + maxElementBytes);
        var start = _length;
        _length += 4; // length, filled in below
        Span<byte> header = _buffer.AsSpan(_length);
        BinaryPrimitives.WriteInt32BigEndian(header, count == 0 ? 0 : 1); // dimensions
        BinaryPrimitives.WriteInt32BigEndian(header[4..], 0); // no nulls
        BinaryPrimitives.WriteInt32BigEndian(header[8..], elementOid);
        _length += 12;
        if (count > 0)
        {
            BinaryPrimitives.WriteInt32BigEndian(header[12..], count);
            BinaryPrimitives.WriteInt32BigEndian(header[16..], 1); // lower bound
            _length += 8;
        }
        for (var i = 0; i < count; i++)
            writeElement(i);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(start), _length - start - 4);
    }
}
