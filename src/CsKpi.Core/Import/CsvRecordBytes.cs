using System.Text;

namespace CsKpi.Core.Import;

/// <summary>
/// The file's bytes on their way to the CSV parser, as UTF-8 (a UTF-8 byte order mark is dropped; a UTF-16 one makes
/// the rest transcoded, and so does a chosen encoding other than UTF-8 when the file has no byte order mark), with
/// every record held to a length limit. It follows quotes and line breaks the way the
/// parser does (every quote toggles; CR, LF and CRLF end a line), so it knows where records start. A record longer
/// than the limit is cut there: the rest up to its end is not passed on — only its line breaks, inside quotes, so
/// the parser's line numbers stay right — and its start line is queued in <see cref="TooLongLines"/>. The parser
/// therefore never holds more than the limit of one record, whatever the file.
/// </summary>
internal sealed class CsvRecordBytes(Stream file, int maxRecordBytes, FileEncoding encoding = FileEncoding.Utf8)
    : ReadOnlyStream
{
    private const byte Quote = (byte)'"';
    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';

    private Stream _file = file;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _length;
    private int _position;
    private bool _started;
    private bool _ended;
    private bool _quoted;
    private bool _skipping;
    private bool _lastWasCr;
    private bool _inRecord;
    private long _recordBytes;
    private long _line = 1;
    private long _recordLine = 1;

    /// <summary>The start lines of the records cut at the limit, in file order.</summary>
    public Queue<long> TooLongLines { get; } = new();

    /// <summary>The start line of a record whose quote is still open at the end of the file, once read that
    /// far.</summary>
    public long? UnclosedQuoteLine { get; private set; }

    /// <summary>The encoding the file is read in: the chosen one, unless a byte order mark says otherwise. Known once
    /// the first bytes are read.</summary>
    public FileEncoding Encoding { get; private set; } = encoding;

    /// <summary>The most bytes of one record passed on: never more than the limit.</summary>
    public long LongestPassed { get; private set; }

    /// <summary>
    /// The first line's bytes (up to its line break, quotes not considered, as headers have none), without consuming
    /// them; empty when it is longer than the limit.
    /// </summary>
    public ReadOnlySpan<byte> PeekFirstLine()
    {
        Start();
        while (true)
        {
            var held = _buffer.AsSpan(_position, _length - _position);
            var end = held.IndexOfAny(Cr, Lf);
            if (end >= 0)
                return end <= maxRecordBytes ? held[..end] : [];
            if (held.Length > maxRecordBytes || !FillMore())
                return held.Length <= maxRecordBytes ? held : [];
        }
    }

    public override int Read(Span<byte> destination)
    {
        Start();
        var written = 0;
        // Room for the two quotes a cut adds around what it leaves out.
        while (written < destination.Length - 2)
        {
            if (_position == _length && !Fill())
            {
                if (_skipping)
                {
                    destination[written++] = Quote; // closes the cut record for the parser
                    _skipping = false;
                }
                if (_quoted && _inRecord)
                    UnclosedQuoteLine ??= _recordLine;
                break;
            }
            written += _skipping ? Skip(destination[written..]) : Pass(destination[written..]);
        }
        return written;
    }

    /// <summary>Passes bytes on, following quotes and line breaks, until the buffer ends or a record reaches the
    /// limit (then starts skipping it).</summary>
    private int Pass(Span<byte> destination)
    {
        var held = _buffer.AsSpan(_position, Math.Min(_length - _position, destination.Length - 2));
        var at = 0;
        var cut = false;
        while (at < held.Length)
        {
            var rest = held[at..];
            var stop = rest.IndexOfAny(Quote, Cr, Lf);
            var plain = stop < 0 ? rest.Length : stop;
            if (plain > 0)
            {
                BeginRecord();
                _lastWasCr = false;
                if (_recordBytes + plain > maxRecordBytes)
                {
                    at += (int)(maxRecordBytes - _recordBytes);
                    _recordBytes = maxRecordBytes;
                    cut = true;
                    break;
                }
                _recordBytes += plain;
                at += plain;
                if (stop < 0)
                    break;
            }
            var c = rest[plain];
            if (c == Quote || _quoted)
            {
                BeginRecord();
                if (_recordBytes == maxRecordBytes)
                {
                    cut = true;
                    break;
                }
                _recordBytes++;
                if (c == Quote)
                    _quoted = !_quoted;
                else
                    CountLineBreak(c);
            }
            else
            {
                // A line break outside quotes ends the record.
                CountLineBreak(c);
                LongestPassed = Math.Max(LongestPassed, _recordBytes);
                _inRecord = false;
                _recordBytes = 0;
            }
            _lastWasCr = c == Cr;
            at++;
        }
        LongestPassed = Math.Max(LongestPassed, _recordBytes);
        held[..at].CopyTo(destination);
        _position += at;
        return cut ? at + Cut(destination[at..]) : at;
    }

    /// <summary>Leaves out the rest of a cut record, passing on only its line breaks (one '\n' per line).</summary>
    private int Skip(Span<byte> destination)
    {
        var written = 0;
        while (written < destination.Length - 1 && _position < _length)
        {
            var held = _buffer.AsSpan(_position, _length - _position);
            var stop = held.IndexOfAny(Quote, Cr, Lf);
            if (stop < 0)
            {
                _position = _length;
                _lastWasCr = false;
                break;
            }
            _position += stop + 1;
            var c = held[stop];
            if (stop > 0)
                _lastWasCr = false;
            if (c == Quote)
            {
                _quoted = !_quoted;
                _lastWasCr = false;
                continue;
            }
            if (!_quoted)
            {
                // The record's end: close the parser's quote, then the line break as it is.
                destination[written++] = Quote;
                destination[written++] = c;
                CountLineBreak(c);
                _lastWasCr = c == Cr;
                _skipping = false;
                _inRecord = false;
                _recordBytes = 0;
                return written;
            }
            if (!(c == Lf && _lastWasCr))
                destination[written++] = Lf;
            CountLineBreak(c);
            _lastWasCr = c == Cr;
        }
        return written;
    }

    /// <summary>The record reached the limit: opens a quote for the parser (unless one is open) and skips the
    /// rest.</summary>
    private int Cut(Span<byte> destination)
    {
        TooLongLines.Enqueue(_recordLine);
        _skipping = true;
        if (_quoted)
            return 0;
        destination[0] = Quote;
        return 1;
    }

    private void BeginRecord()
    {
        if (_inRecord)
            return;
        _inRecord = true;
        _recordLine = _line;
    }

    private void CountLineBreak(byte c)
    {
        if (!(c == Lf && _lastWasCr))
            _line++;
    }

    private bool Fill()
    {
        if (_ended)
            return false;
        _length = _file.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        _ended = _length == 0;
        return !_ended;
    }

    /// <summary>Reads more behind what is held (for a peek); false when the buffer is full or the file ended.</summary>
    private bool FillMore()
    {
        if (_position > 0)
        {
            _buffer.AsSpan(_position, _length - _position).CopyTo(_buffer);
            (_length, _position) = (_length - _position, 0);
        }
        if (_length == _buffer.Length || _ended)
            return false;
        var read = _file.Read(_buffer, _length, _buffer.Length - _length);
        _length += read;
        return read > 0;
    }

    /// <summary>
    /// At the start of the file: skips a UTF-8 byte order mark, and reads a UTF-16 file as UTF-8 (a byte order mark
    /// decides whatever the encoding chosen); without one, a chosen encoding other than UTF-8 is transcoded.
    /// </summary>
    private void Start()
    {
        if (_started)
            return;
        _started = true;
        _length = _file.ReadAtLeast(_buffer.AsSpan(0, 3), 3, throwOnEndOfStream: false);
        _position = 0;
        if (_length >= 2 && _buffer[0] + (_buffer[1] << 8) is 0xFEFF or 0xFFFE)
        {
            Transcode(_buffer[0] == 0xFF ? FileEncoding.Utf16Le : FileEncoding.Utf16Be, 2);
            return;
        }
        if (_length == 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
            _position = 3;
        else if (Encoding != FileEncoding.Utf8)
        {
            Transcode(Encoding, 0);
            return;
        }
        Encoding = FileEncoding.Utf8;
        _ended = _length == 0;
    }

    /// <summary>UTF-16 whose unpaired surrogates become the reader's mark of an invalid byte.</summary>
    private static System.Text.Encoding MarkedUtf16(bool bigEndian)
    {
        var utf16 = (System.Text.Encoding)new UnicodeEncoding(bigEndian, byteOrderMark: false).Clone();
        utf16.DecoderFallback = new DecoderReplacementFallback(MarkedUtf8.FirstByte.ToString());
        return utf16;
    }

    /// <summary>The rest of the file (what is held, less a <paramref name="skip"/>-byte byte order mark) read in
    /// <paramref name="from"/> and passed on as UTF-8.</summary>
    private void Transcode(FileEncoding from, int skip)
    {
        var rest = new PrefixedStream(_buffer.AsSpan(skip, _length - skip).ToArray(), _file);
        Encoding = from;
        _file = from.IsSingleByte() ? new SingleByteUtf8(rest, from)
            : System.Text.Encoding.CreateTranscodingStream(rest, MarkedUtf16(from == FileEncoding.Utf16Be),
                new UTF8Encoding(false), leaveOpen: true);
        _length = 0;
    }

    /// <summary>Bytes already read from a stream, then the rest of it.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream rest) : ReadOnlyStream
    {
        private int _at;

        public override int Read(Span<byte> destination)
        {
            if (_at == prefix.Length)
                return rest.Read(destination);
            var n = Math.Min(destination.Length, prefix.Length - _at);
            prefix.AsSpan(_at, n).CopyTo(destination);
            _at += n;
            return n;
        }
    }
}
