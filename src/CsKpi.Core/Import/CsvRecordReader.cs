using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace CsKpi.Core.Import;

/// <summary>
/// A streaming RFC 4180 reader (Sep, nietras.SeparatedValues, parses): quoted fields may hold the delimiter, doubled
/// quotes and line breaks. It keeps the physical line each record starts on, so errors point at the line a person
/// sees in an editor. Blank lines are skipped. Memory stays flat whatever the file: a record longer than the limit is
/// cut at the limit before the parser sees more of it and reported (<see cref="CsvProblemKind.TooLong"/>; see
/// <see cref="CsvRecordBytes"/>). Cells are decoded as UTF-8 (a UTF-8 BOM is skipped; a UTF-16 BOM makes the rest
/// read as UTF-16), or in the encoding chosen (<see cref="FileEncoding"/>, transcoded to UTF-8 first); invalid bytes
/// and NUL bytes are reported per cell and shown as U+FFFD, so the rest of the file is still read and nothing
/// PostgreSQL refuses reaches it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001",
    Justification = "Its streams only wrap the caller's file, which the caller disposes; they own nothing else.")]
public sealed class CsvRecordReader
{
    private readonly CsvRecordBytes _bytes;
    private readonly int _maxRecordBytes;
    private readonly List<CsvProblem> _problems = [];
    private SepReader? _sep;

    private static readonly System.Buffers.SearchValues<char> Suspicious =
        System.Buffers.SearchValues.Create([MarkedUtf8.FirstByte, MarkedUtf8.NextByte, '\0']);

    /// <param name="stream">The file, read from its current position (its start: a byte order mark is handled).</param>
    /// <param name="delimiter">The delimiter, until <see cref="ReadHeader"/> detects the file's own.</param>
    /// <param name="maxRecordBytes">The longest record kept (Import:MaxLineBytes).</param>
    /// <param name="encoding">The file's encoding (<see cref="EncodingDetection"/>); a byte order mark overrides
    /// it.</param>
    public CsvRecordReader(Stream stream, char delimiter = ',', int maxRecordBytes = ImportOptions.DefaultMaxLineBytes,
        FileEncoding encoding = FileEncoding.Utf8)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecordBytes);
        _bytes = new CsvRecordBytes(stream, maxRecordBytes, encoding);
        Delimiter = delimiter;
        _maxRecordBytes = maxRecordBytes;
    }

    public char Delimiter { get; private set; }

    /// <summary>The encoding the file is read in: the one given, or its byte order mark's (known once read).</summary>
    public FileEncoding Encoding => _bytes.Encoding;

    /// <summary>The physical line (1-based) where the last record read starts.</summary>
    public long Line { get; private set; }

    /// <summary>What was wrong with the last record read (empty for a sound one).</summary>
    public IReadOnlyList<CsvProblem> Problems => _problems;

    /// <summary>Whether the last record was longer than the limit: its fields were not read.</summary>
    public bool TooLong => _problems.Count > 0 && _problems[0].Kind == CsvProblemKind.TooLong;

    /// <summary>The last record has no fields to check: too long, or cut by a stray quote (see Problems).</summary>
    public bool Unread => TooLong || _problems.Exists(p => p.Kind == CsvProblemKind.StrayQuote);

    /// <summary>The most bytes of one record this reader has held: never more than the limit.</summary>
    public int RecordCapacity => (int)_bytes.LongestPassed;

    /// <summary>
    /// Reads the first line as the header (a line, as spreadsheets write headers: no quoted line breaks) and takes
    /// the delimiter it uses more outside quotes, ',' or ';' (European exports use ';'). False for an empty file.
    /// </summary>
    public bool ReadHeader(List<string> fields)
    {
        Delimiter = DetectDelimiter(_bytes.PeekFirstLine()); // empty when too long: ','
        return Next(fields, skipBlank: false);
    }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the file.</summary>
    public bool Read(List<string> fields) => Next(fields, skipBlank: true);

    private bool Next(List<string> fields, bool skipBlank)
    {
        fields.Clear();
        _problems.Clear();
        _sep ??= Sep.New(Delimiter).Reader(o => o with
        {
            HasHeader = false,
            DisableColCountCheck = true,
            Unescape = true
        })
            .From(new StreamReader(_bytes, MarkedUtf8.Encoding, detectEncodingFromByteOrderMarks: false));
        while (true)
        {
            if (!_sep.MoveNext())
                return false;
            if (!skipBlank || _sep.Current.Span.Length > 0)
                break;
        }
        var row = _sep.Current;
        // Sep 0.17.1 numbers its first row's line 2 (the line after it); the first row starts the file.
        Line = row.RowIndex == 0 ? 1 : row.LineNumberFrom;
        var tooLong = _bytes.TooLongLines;
        while (tooLong.Count > 0 && tooLong.Peek() < Line)
            tooLong.Dequeue();
        if (tooLong.Count > 0 && tooLong.Peek() == Line)
        {
            tooLong.Dequeue();
            _problems.Add(new CsvProblem(CsvProblemKind.TooLong, -1, _maxRecordBytes));
        }
        if (!TooLong && row.Span.Contains('"') && StrayQuoteField(row.Span, Delimiter) is var stray and >= 0)
        {
            // Sep reads such a quote as opening a quoted section, up to the next quote: the rows in between
            // would be swallowed silently. The record is refused on its line instead.
            _problems.Add(new CsvProblem(CsvProblemKind.StrayQuote, stray, 0));
            return true;
        }
        if (_bytes.UnclosedQuoteLine == Line)
            throw new CsvFormatException(Line, "a quoted field is not closed before the end of the file");
        if (TooLong)
            return true;
        var sound = row.Span.IndexOfAny(Suspicious) < 0; // one scan of the row instead of two per cell
        for (var i = 0; i < row.ColCount; i++)
            fields.Add(sound ? row[i].ToString() : Cell(row[i].Span, i));
        return true;
    }

    /// <summary>A cell as text, checked for invalid UTF-8 (marked by <see cref="MarkedUtf8"/>) and NUL bytes.</summary>
    private string Cell(ReadOnlySpan<char> cell, int field)
    {
        var nul = cell.IndexOf('\0');
        var mark = cell.IndexOfAny(MarkedUtf8.FirstByte, MarkedUtf8.NextByte);
        if (nul < 0 && mark < 0)
            return cell.ToString();
        if (mark >= 0)
            _problems.Add(new CsvProblem(Encoding == FileEncoding.Utf8 ? CsvProblemKind.InvalidUtf8
                : CsvProblemKind.NotInEncoding, field, FileBytes(cell[..mark]) + 1));
        if (nul >= 0)
            _problems.Add(new CsvProblem(CsvProblemKind.Nul, field, FileBytes(cell[..nul]) + 1));
        var text = new StringBuilder(cell.Length);
        for (var i = 0; i < cell.Length; i++)
        {
            if (cell[i] is '\0' or MarkedUtf8.FirstByte)
                text.Append('\uFFFD');
            else if (cell[i] != MarkedUtf8.NextByte)
                text.Append(cell[i]);
        }
        return text.ToString();
    }

    /// <summary>The file's bytes behind some decoded text, in its encoding.</summary>
    private long FileBytes(ReadOnlySpan<char> text) => Encoding switch
    {
        FileEncoding.Utf8 => ByteCount(text),
        FileEncoding.Utf16Le or FileEncoding.Utf16Be => 2L * text.Length,
        _ => text.Length, // a single-byte encoding (a mark too stands for one byte)
    };

    /// <summary>The UTF-8 file's bytes behind some decoded text: a mark stands for one byte.</summary>
    private static long ByteCount(ReadOnlySpan<char> text)
    {
        long bytes = 0;
        var from = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not (MarkedUtf8.FirstByte or MarkedUtf8.NextByte))
                continue;
            bytes += System.Text.Encoding.UTF8.GetByteCount(text[from..i]) + 1;
            from = i + 1;
        }
        return bytes + System.Text.Encoding.UTF8.GetByteCount(text[from..]);
    }

    /// <summary>
    /// The first field (0-based) holding a quote although it does not start with one, else -1. RFC 4180 has no such
    /// field; a quoted field's doubled quotes are fine.
    /// </summary>
    private static int StrayQuoteField(ReadOnlySpan<char> record, char delimiter)
    {
        var (field, atStart, quoted) = (0, true, false);
        for (var i = 0; i < record.Length; i++)
        {
            var c = record[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < record.Length && record[i + 1] == '"')
                    i++;
                else if (c == '"')
                    quoted = false;
            }
            else if (c == delimiter)
            {
                (field, atStart) = (field + 1, true);
            }
            else if (c == '"' && !atStart)
            {
                return field;
            }
            else
            {
                (quoted, atStart) = (c == '"', false);
            }
        }
        return -1;
    }

    /// <summary>',' or ';', whichever the header line uses more outside quotes.</summary>
    private static char DetectDelimiter(ReadOnlySpan<byte> header)
    {
        int commas = 0, semicolons = 0;
        var quoted = false;
        foreach (var c in header)
        {
            if (c == (byte)'"')
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
    /// <summary>A quote inside a field that does not start with one (the record is not read; position: 0).</summary>
    StrayQuote,
    /// <summary>A cell holds a byte that is no character of the file's encoding, other than UTF-8 (position: the first
    /// such byte in the cell, 1-based).</summary>
    NotInEncoding,
}

/// <summary>A problem of one record: its kind, the field (0-based; -1: the whole record) and a byte position.</summary>
public readonly record struct CsvProblem(CsvProblemKind Kind, int Field, long Position)
{
    /// <summary>The reasons errors give, by kind; {0} is <see cref="Position"/> (translated at the edge).</summary>
    public static readonly IReadOnlyList<string> Reasons =
    [
        "the line is longer than {0} bytes (Import:MaxLineBytes)",
        "not UTF-8: invalid byte at byte {0} of the cell (choose the file's encoding, or save it as CSV UTF-8)",
        "a NUL byte (0x00) at byte {0} of the cell",
        "a quote (\") inside a field not enclosed in quotes: enclose the field in quotes and double its quotes",
        "byte {0} of the cell is no character of the file's encoding: choose the file's encoding",
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
