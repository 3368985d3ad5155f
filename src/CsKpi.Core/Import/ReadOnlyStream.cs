namespace CsKpi.Core.Import;

/// <summary>A stream read once from start to end: subclasses give <see cref="Read(Span{byte})"/>, the rest refuses.
/// </summary>
internal abstract class ReadOnlyStream : Stream
{
    public abstract override int Read(Span<byte> destination);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
