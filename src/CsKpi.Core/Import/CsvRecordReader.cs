using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace CsKpi.Core.Import;

/// <summary>
/// A streaming RFC 4180 reader over the file's bytes: quoted fields may hold the delimiter, doubled quotes and line
/// breaks. It keeps the physical line each record starts on, so errors point at the line a person sees in an editor.
/// Blank lines are skipped. Memory stays flat whatever the file: a record longer than the limit is not kept but
/// skipped to its end and reported (<see cref="CsvProblemKind.TooLong"/>), so the reader never holds more than the
/// limit (<see cref="RecordCapacity"/>). Cells are decoded as UTF-8 (a UTF-8 BOM is skipped; a UTF-16 BOM makes the
/// rest read as UTF-16); invalid bytes and NUL bytes are reported per cell and shown as U+FFFD, so the rest of the
/// file is still read and nothing PostgreSQL refuses reaches it.
/// </summary>
public sealed class CsvRecordReader
{
    private const byte Quote = (byte)'"';
    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';

    private Stream _stream;
    private readonly int _maxRecordBytes;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly List<int> _fieldEnds = [];
    private readonly List<CsvProblem> _problems = [];
    private byte[] _record;
    private int _length;
    private int _position;
    private int _recordLength;   // content bytes kept for the current record
    private long _recordBytes;   // bytes the current record has taken from the file so far
    private long _fieldBytes;    // content bytes of the current field, kept or not
    private long _line = 1;
    private bool _started;

    /// <param name="stream">The file, read from its current position (its start: a byte order mark is handled).</param>
    /// <param name="delimiter">The delimiter, until <see cref="ReadHeader"/> detects the file's own.</param>
    /// <param name="maxRecordBytes">The longest record kept (Import:MaxLineBytes).</param>
    public CsvRecordReader(Stream stream, char delimiter = ',', int maxRecordBytes = ImportOptions.DefaultMaxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecordBytes);
        _stream = stream;
        Delimiter = delimiter;
        _maxRecordBytes = maxRecordBytes;
        _record = new byte[Math.Min(4096, maxRecordBytes)];
    }

    public char Delimiter { get; private set; }

    /// <summary>The physical line (1-based) where the last record read starts.</summary>
    public long Line { get; private set; }

    /// <summary>What was wrong with the last record read (empty for a sound one).</summary>
    public IReadOnlyList<CsvProblem> Problems => _problems;

    /// <summary>Whether the last record was longer than the limit: its fields were not read.</summary>
    public bool TooLong => _problems.Count > 0 && _problems[0].Kind == CsvProblemKind.TooLong;

    /// <summary>The bytes this reader holds for one record: never more than the limit.</summary>
    public int RecordCapacity => _record.Length;

    /// <summary>
    /// Reads the first line as the header (a line, as spreadsheets write headers: no quoted line breaks) and takes
    /// the delimiter it uses more outside quotes, ',' or ';' (European exports use ';'). False for an empty file.
    /// </summary>
    public bool ReadHeader(List<string> fields)
    {
        fields.Clear();
        BeginRecord();
        Start();
        Line = _line;
        if (!Fill())
            return false;
        while (Fill())
        {
            var span = _buffer.AsSpan(_position, _length - _position);
            var end = span.IndexOfAny(Cr, Lf);
            Keep(end < 0 ? span : span[..end]);
            _position += end < 0 ? span.Length : end;
            if (end >= 0)
            {
                SkipLineBreak();
                break;
            }
        }
        if (TooLong)
            return true;
        var header = _record.AsSpan(0, _recordLength);
        Delimiter = DetectDelimiter(header);
        var bytes = new MemoryStream(_record, 0, _recordLength, writable: false);
        var line = new CsvRecordReader(bytes, Delimiter, _maxRecordBytes)
        {
            _started = true,
        };
        if (line.Read(fields))
            _problems.AddRange(line.Problems);
        return true;
    }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the file.</summary>
    public bool Read(List<string> fields)
    {
        fields.Clear();
        BeginRecord();
        Start();
        while (true)
        {
            if (!Fill())
                return false;
            if (_buffer[_position] is not (Cr or Lf))
                break;
            SkipLineBreak(); // blank line
        }
        Line = _line;
        var delimiter = (byte)Delimiter;
        var quoted = false;
        var wasQuoted = false;
        while (Fill())
        {
            var span = _buffer.AsSpan(_position, _length - _position);
            if (quoted)
            {
                var stop = span.IndexOfAny(Quote, Cr, Lf);
                Keep(stop < 0 ? span : span[..stop]);
                _position += stop < 0 ? span.Length : stop;
                if (stop < 0)
                    continue;
                var c = span[stop];
                Take(1);
                if (c == Quote)
                {
                    if (Fill() && _buffer[_position] == Quote)
                    {
                        Take(1);
                        Keep([Quote]);
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    Keep([c]); // a line break inside quotes belongs to the cell, and starts a physical line
                    if (c == Lf || !(Fill() && _buffer[_position] == Lf))
                        _line++;
                }
            }
            else if (span[0] == Quote && _fieldBytes == 0 && !wasQuoted)
            {
                Take(1);
                quoted = wasQuoted = true;
            }
            else
            {
                var stop = span.IndexOfAny(delimiter, Cr, Lf);
                Keep(stop < 0 ? span : span[..stop]);
                _position += stop < 0 ? span.Length : stop;
                if (stop < 0)
                    continue;
                _fieldEnds.Add(_recordLength);
                _fieldBytes = 0;
                wasQuoted = false;
                if (span[stop] != delimiter)
                {
                    SkipLineBreak();
                    Decode(fields);
                    return true;
                }
                Take(1);
            }
        }
        if (quoted)
            throw new CsvFormatException(Line, "a quoted field is not closed before the end of the file");
        _fieldEnds.Add(_recordLength);
        Decode(fields);
        return true;
    }

    /// <summary>The record's cells as text, each checked for invalid UTF-8 and NUL bytes (none if too long).</summary>
    private void Decode(List<string> fields)
    {
        if (TooLong)
            return;
        var start = 0;
        for (var i = 0; i < _fieldEnds.Count; i++)
        {
            var cell = _record.AsSpan(start, _fieldEnds[i] - start);
            start = _fieldEnds[i];
            if (Utf8.IsValid(cell) && !cell.Contains((byte)0))
            {
                fields.Add(Encoding.UTF8.GetString(cell));
                continue;
            }
            if (FirstInvalidByte(cell) is { } invalid)
                _problems.Add(new CsvProblem(CsvProblemKind.InvalidUtf8, i, invalid + 1));
            if (cell.IndexOf((byte)0) is >= 0 and var nul)
                _problems.Add(new CsvProblem(CsvProblemKind.Nul, i, nul + 1));
            fields.Add(Encoding.UTF8.GetString(cell).Replace('\0', '\uFFFD')); // invalid bytes become U+FFFD
        }
    }

    private static int? FirstInvalidByte(ReadOnlySpan<byte> cell)
    {
        for (var at = 0; at < cell.Length;)
        {
            if (System.Buffers.OperationStatus.Done != System.Text.Rune.DecodeFromUtf8(cell[at..], out _, out var used))
                return at;
            at += used;
        }
        return null;
    }

    private void BeginRecord()
    {
        _problems.Clear();
        _fieldEnds.Clear();
        _recordLength = 0;
        _recordBytes = 0;
        _fieldBytes = 0;
    }

    /// <summary>Counts content bytes towards the record and keeps them while the record is within the limit.</summary>
    private void Keep(ReadOnlySpan<byte> content)
    {
        _fieldBytes += content.Length;
        Count(content.Length);
        if (TooLong || content.IsEmpty)
            return;
        if (_recordLength + content.Length > _record.Length)
        {
            var grown = Math.Max(_record.Length * 2L, _recordLength + content.Length);
            Array.Resize(ref _record, (int)Math.Min(_maxRecordBytes, grown));
        }
        content.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += content.Length;
    }

    /// <summary>Takes structural bytes (quotes, delimiters): they count towards the record's length.</summary>
    private void Take(int bytes)
    {
        _position += bytes;
        Count(bytes);
    }

    private void Count(int bytes)
    {
        _recordBytes += bytes;
        if (_recordBytes <= _maxRecordBytes || TooLong)
            return;
        _problems.Clear();
        _problems.Add(new CsvProblem(CsvProblemKind.TooLong, -1, _maxRecordBytes));
        _recordLength = 0;
    }

    private void SkipLineBreak()
    {
        var c = _buffer[_position++];
        if (c == Cr && Fill() && _buffer[_position] == Lf)
            _position++;
        _line++;
    }

    /// <summary>Whether a byte is available at <see cref="_position"/>, reading more of the file when needed.</summary>
    private bool Fill()
    {
        if (_position < _length)
            return true;
        _length = _stream.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }

    /// <summary>At the start of the file: skips a UTF-8 byte order mark, and reads a UTF-16 file as UTF-8.</summary>
    private void Start()
    {
        if (_started)
            return;
        _started = true;
        _length = _stream.ReadAtLeast(_buffer.AsSpan(0, 2), 2, throwOnEndOfStream: false);
        if (_length == 2 && _buffer[0] + (_buffer[1] << 8) is 0xFEFF or 0xFFFE)
        {
            var utf16 = _buffer[0] == 0xFF ? new UnicodeEncoding(false, false) : new UnicodeEncoding(true, false);
            _stream = Encoding.CreateTranscodingStream(_stream, utf16, new UTF8Encoding(false), leaveOpen: true);
            _length = 0;
        }
        else if (_length == 2 && _buffer[0] == 0xEF && _buffer[1] == 0xBB)
        {
            _length += _stream.ReadAtLeast(_buffer.AsSpan(2, 1), 1, throwOnEndOfStream: false);
            if (_length == 3 && _buffer[2] == 0xBF)
                _length = 0;
        }
        _position = 0;
    }

    /// <summary>',' or ';', whichever the header line uses more outside quotes.</summary>
    private static char DetectDelimiter(ReadOnlySpan<byte> header)
    {
        int commas = 0, semicolons = 0;
        var quoted = false;
        foreach (var c in header)
        {
            if (c == Quote)
                quoted = !quoted;
            else if (!quoted && c == ',')
                commas++;
            else if (!quoted && c == ';')
                semicolons++;
        }
        return semicolons > commas ? ';' : ',';
    }
}

public enum CsvProblemKind
{
    /// <summary>The record is longer than the limit (<see cref="CsvProblem.Position"/>: the limit in bytes).</summary>
    TooLong,
    /// <summary>A cell holds bytes that are not UTF-8 (position: the first such byte in the cell, 1-based).</summary>
    InvalidUtf8,
    /// <summary>A cell holds a NUL byte, which PostgreSQL text cannot (position: 1-based byte in the cell).</summary>
    Nul,
}

/// <summary>A problem of one record: its kind, the field (0-based; -1: the whole record) and a byte position.</summary>
public readonly record struct CsvProblem(CsvProblemKind Kind, int Field, long Position)
{
    /// <summary>The reasons errors give, by kind; {0} is <see cref="Position"/> (translated at the edge).</summary>
    public static readonly IReadOnlyList<string> Reasons =
    [
        "the line is longer than {0} bytes (Import:MaxLineBytes)",
        "not UTF-8: invalid byte at byte {0} of the cell (save the file as CSV UTF-8)",
        "a NUL byte (0x00) at byte {0} of the cell",
    ];

    /// <summary>The reason's text, <c>{0}</c> standing for <see cref="Position"/>.</summary>
    public string Format => Reasons[(int)Kind];

    public string Reason => string.Format(CultureInfo.InvariantCulture, Format, Position);
}

/// <summary>The file cannot be read as CSV at all (not a row error).</summary>
public sealed class CsvFormatException(long line, string reason) : Exception($"line {line}: {reason}")
{
    public long Line { get; } = line;
    public string Reason { get; } = reason;
}
