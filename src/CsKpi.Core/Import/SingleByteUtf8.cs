using System.Text;

namespace CsKpi.Core.Import;

/// <summary>
/// A single-byte encoded file (Windows-1250, Windows-1252, ISO-8859-2) as UTF-8, for the reader, which reads UTF-8.
/// A byte the encoding gives no character (unassigned, or a C1 control code, which no exported text holds) becomes the
/// noncharacter <see cref="MarkedUtf8.FirstByte"/>, which the reader reports with its line and column like an invalid
/// UTF-8 byte.
/// </summary>
internal sealed class SingleByteUtf8 : ReadOnlyStream
{
    private readonly Stream _file;
    private readonly byte[][] _utf8 = new byte[256][];
    private readonly byte[] _input = new byte[16 * 1024];
    private int _at;
    private int _count;
    private byte[] _pending = [];
    private int _pendingAt;

    public SingleByteUtf8(Stream file, FileEncoding encoding)
    {
        _file = file;
        var decoding = encoding.SingleByte();
        var mark = Encoding.UTF8.GetBytes(MarkedUtf8.FirstByte.ToString());
        for (var b = 0; b < 256; b++)
        {
            var text = decoding.GetString([(byte)b]);
            var unassigned = text.Length != 1 || text[0] is >= '\u0080' and <= '\u009F' or '\uFFFD'
                || (text[0] == '?' && b != '?');
            _utf8[b] = b < 0x80 ? [(byte)b] : unassigned ? mark : Encoding.UTF8.GetBytes(text);
        }
    }

    public override int Read(Span<byte> destination)
    {
        var written = 0;
        while (written < destination.Length)
        {
            if (_pendingAt < _pending.Length)
            {
                destination[written++] = _pending[_pendingAt++];
                continue;
            }
            if (_at == _count)
            {
                if (written > 0)
                    break; // what is there now; read the file again on the next call
                (_at, _count) = (0, _file.Read(_input));
                if (_count == 0)
                    break;
            }
            var held = _input.AsSpan(_at, Math.Min(_count - _at, destination.Length - written));
            var ascii = held.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (ascii != 0)
            {
                var run = ascii < 0 ? held.Length : ascii;
                held[..run].CopyTo(destination[written..]);
                (written, _at) = (written + run, _at + run);
                continue;
            }
            (_pending, _pendingAt) = (_utf8[held[0]], 0);
            _at++;
        }
        return written;
    }
}
