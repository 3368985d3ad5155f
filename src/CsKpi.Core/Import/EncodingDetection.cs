using System.Buffers;
using System.Text.Unicode;
using UtfUnknown;

namespace CsKpi.Core.Import;

/// <summary>
/// Which of the supported encodings a file is written in, from its bytes: a byte order mark decides; text that is
/// valid UTF-8 (pure ASCII included) is UTF-8; otherwise UTF.Unknown (a port of Mozilla's uchardet) names the
/// charset, narrowed to the single-byte encodings we read (docs/decisions.md "File encodings").
/// </summary>
public static class EncodingDetection
{
    /// <summary>The bytes the decision reads: from the first non-ASCII byte on, so a file whose first rows are plain
    /// ASCII is judged by the rows that are not.</summary>
    internal const int SampleBytes = 256 * 1024;

    /// <summary>The encoding of a seekable file, read from its current position, which is restored.</summary>
    public static FileEncoding Detect(Stream file)
    {
        if (!file.CanSeek)
            throw new ArgumentException("Detecting an encoding needs a seekable stream.", nameof(file));
        var start = file.Position;
        var buffer = ArrayPool<byte>.Shared.Rent(SampleBytes);
        try
        {
            return Detect(file, buffer.AsSpan(0, SampleBytes));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            file.Position = start;
        }
    }

    private static FileEncoding Detect(Stream file, Span<byte> buffer)
    {
        var length = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var held = buffer[..length];
        if (held.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return FileEncoding.Utf16Le;
        if (held.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return FileEncoding.Utf16Be;
        if (held.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return FileEncoding.Utf8;
        // Plain ASCII says nothing: skip to the first byte that is not (a vectorised scan, cheap even for 100 MB).
        var ended = length < buffer.Length;
        int first;
        while ((first = held.IndexOfAnyExceptInRange((byte)0, (byte)0x7F)) < 0)
        {
            if (ended)
                return FileEncoding.Utf8;
            length = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            ended = length < buffer.Length;
            held = buffer[..length];
        }
        held[first..].CopyTo(buffer);
        length -= first;
        if (!ended)
        {
            length += file.ReadAtLeast(buffer[length..], buffer.Length - length, throwOnEndOfStream: false);
            ended = length < buffer.Length;
        }
        return Classify(buffer[..length], ended);
    }

    /// <summary>A sample starting at a non-ASCII byte: UTF-8 if valid as such (a sequence cut by the sample's end
    /// aside), else the detector's single-byte charset.</summary>
    internal static FileEncoding Classify(ReadOnlySpan<byte> sample, bool complete)
    {
        var chars = ArrayPool<char>.Shared.Rent(sample.Length);
        try
        {
            var status = Utf8.ToUtf16(sample, chars, out _, out _, replaceInvalidSequences: false,
                isFinalBlock: complete);
            if (status is System.Buffers.OperationStatus.Done or System.Buffers.OperationStatus.NeedMoreData)
                return FileEncoding.Utf8;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
        var result = CharsetDetector.DetectFromBytes(sample);
        var names = (result.Detected is { } best ? [best] : Array.Empty<DetectionDetail>())
            .Concat(result.Details).Select(d => d.EncodingName);
        return SingleByte(names, HasC1Bytes(sample));
    }

    /// <summary>
    /// The first of the detector's answers (best first) that is one of ours: ISO-8859-1 and -15 are read as
    /// Windows-1252 (its superset for text); ISO-8859-2 as Windows-1250 when bytes 0x80–0x9F occur, which are
    /// control codes in ISO-8859-2 and letters in Windows-1250 (š, ś, ź, ž…). None of ours: Windows-1252, the
    /// Western spreadsheet default, shown in the preview for the admin to change.
    /// </summary>
    internal static FileEncoding SingleByte(IEnumerable<string?> detectorNames, bool hasC1Bytes)
    {
        foreach (var name in detectorNames)
        {
            switch (name?.ToLowerInvariant())
            {
                case "windows-1252" or "iso-8859-1" or "iso-8859-15":
                    return FileEncoding.Windows1252;
                case "windows-1250":
                    return FileEncoding.Windows1250;
                case "iso-8859-2":
                    return hasC1Bytes ? FileEncoding.Windows1250 : FileEncoding.Iso88592;
            }
        }
        return FileEncoding.Windows1252;
    }

    private static bool HasC1Bytes(ReadOnlySpan<byte> sample) => sample.IndexOfAnyInRange((byte)0x80, (byte)0x9F) >= 0;
}
