using System.Text;

namespace CsKpi.Core.Import;

/// <summary>
/// UTF-8 decoding that keeps invalid bytes findable: each byte of an invalid sequence becomes a noncharacter (its
/// first byte U+FDD0, the others U+FDD1: code points Unicode reserves for a program's internal use, never found in
/// exported text). The reader finds them in a cell, reports the byte, and shows U+FFFD in their place, as a plain
/// decoding would. (A lone surrogate would be unambiguous, but .NET refuses them from a fallback.)
/// </summary>
internal static class MarkedUtf8
{
    public static readonly Encoding Encoding =
        Encoding.GetEncoding(Encoding.UTF8.CodePage, EncoderFallback.ReplacementFallback, new Fallback());

    public const char FirstByte = '\uFDD0';
    public const char NextByte = '\uFDD1';

    private sealed class Fallback : DecoderFallback
    {
        public override int MaxCharCount => 8;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer();
    }

    private sealed class Buffer : DecoderFallbackBuffer
    {
        private readonly char[] _chars = new char[8];
        private int _count;
        private int _next;

        public override int Remaining => _count - _next;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            _count = Math.Min(bytesUnknown.Length, _chars.Length);
            for (var i = 0; i < _count; i++)
                _chars[i] = i == 0 ? FirstByte : NextByte;
            _next = 0;
            return true;
        }

        public override char GetNextChar() => _next < _count ? _chars[_next++] : '\0';

        public override bool MovePrevious()
        {
            if (_next == 0)
                return false;
            _next--;
            return true;
        }

        public override void Reset() => (_count, _next) = (0, 0);
    }
}
