using System.Text;

namespace CsKpi.Core.Import;

/// <summary>
/// A streaming RFC 4180 reader: quoted fields may hold the delimiter, doubled quotes and line breaks. It keeps the
/// physical line each record starts on, so errors point at the line a person sees in an editor. Blank lines are
/// skipped. Reads through a buffer: the file is never held in memory whole.
/// </summary>
public sealed class CsvRecordReader(TextReader reader, char delimiter, long firstLine = 1)
{
    private readonly char[] _buffer = new char[64 * 1024];
    private readonly StringBuilder _field = new();
    private int _length;
    private int _position;
    private long _line = firstLine;

    /// <summary>The physical line (1-based) where the last record read starts.</summary>
    public long Line { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the file.</summary>
    public bool Read(List<string> fields)
    {
        fields.Clear();
        while (true)
        {
            if (!Peek(out var first))
                return false;
            if (first is '\r' or '\n')
            {
                SkipLineBreak(first);
                continue; // blank line
            }
            break;
        }
        Line = _line;
        var quoted = false;
        var wasQuoted = false;
        _field.Clear();
        while (Next(out var c))
        {
            if (quoted)
            {
                if (c == '"')
                {
                    if (Peek(out var next) && next == '"')
                    {
                        _position++;
                        _field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n' || (c == '\r' && !(Peek(out var lf) && lf == '\n')))
                        _line++;
                    _field.Append(c);
                }
            }
            else if (c == '"' && _field.Length == 0 && !wasQuoted)
            {
                quoted = wasQuoted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(_field.ToString());
                _field.Clear();
                wasQuoted = false;
            }
            else if (c is '\r' or '\n')
            {
                _position--;
                SkipLineBreak(c);
                fields.Add(_field.ToString());
                return true;
            }
            else
            {
                _field.Append(c);
            }
        }
        if (quoted)
            throw new CsvFormatException(Line, "a quoted field is not closed before the end of the file");
        fields.Add(_field.ToString());
        return true;
    }

    private void SkipLineBreak(char c)
    {
        _position++;
        if (c == '\r' && Peek(out var next) && next == '\n')
            _position++;
        _line++;
    }

    private bool Next(out char c)
    {
        if (!Peek(out c))
            return false;
        _position++;
        return true;
    }

    private bool Peek(out char c)
    {
        if (_position >= _length)
        {
            _length = reader.Read(_buffer, 0, _buffer.Length);
            _position = 0;
            if (_length <= 0)
            {
                c = default;
                return false;
            }
        }
        c = _buffer[_position];
        return true;
    }
}

/// <summary>The file cannot be read as CSV at all (not a row error).</summary>
public sealed class CsvFormatException(long line, string reason) : Exception($"line {line}: {reason}")
{
    public long Line { get; } = line;
    public string Reason { get; } = reason;
}
