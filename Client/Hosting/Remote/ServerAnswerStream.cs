namespace Sweep.Client.Hosting.Remote;

/// <summary>
/// A pass-through stream that keeps what the server sent (its first kilobytes), so that a probe can tell
/// a server that answered a TLS hello as TLS servers do from one that closed, reset or answered
/// something else. Only the server's own bytes count as a TLS answer: a refused connection, a
/// dead silo's stale port or a plain Orleans gateway (which waits for its preamble and drops the
/// hello) never produce a TLS record.
/// </summary>
internal sealed class ServerAnswerStream : Stream
{
    /// <summary>What a TLS record header starts with: content type, then the protocol version's major and minor byte.</summary>
    private const int HeadLength = 3;

    /// <summary>A TLS record header: the three bytes above and the payload's length (big-endian).</summary>
    private const int RecordHeaderLength = 5;

    /// <summary>A gateway's part of a handshake (its certificate chain) is a few kilobytes; a probe keeps no more than this.</summary>
    private const int KeptLength = 64 * 1024;

    private const byte Alert = 0x15;
    private const byte Handshake = 0x16;

    private readonly Stream _inner;
    private readonly byte[] _kept = new byte[KeptLength];
    private int _keptLength;

    public ServerAnswerStream(Stream inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <summary>Whether anything at all came back from the server.</summary>
    public bool Answered => _keptLength > 0;

    /// <summary>Whether the server's first bytes are a TLS record.</summary>
    public bool AnsweredWithTls => IsTlsRecordStart(_kept.AsSpan(0, _keptLength));

    /// <summary>
    /// Whether the server sent a TLS alert, during or after the handshake. Record headers are
    /// never encrypted, so this holds even for the alert a server sends when it checks the
    /// client's certificate only after the handshake (.NET on Linux does) and refuses it.
    /// </summary>
    public bool SentAlert => ContainsAlert(_kept.AsSpan(0, _keptLength));

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Whether <paramref name="head"/> starts a TLS record a server sends first: a handshake
    /// (0x16, its ServerHello) or an alert (0x15, a refusal), with a version of SSL 3.0 to
    /// TLS 1.3 (0x03 0x00 to 0x03 0x04; TLS 1.3 still writes 0x03 0x03 there).
    /// </summary>
    public static bool IsTlsRecordStart(ReadOnlySpan<byte> head)
        => head.Length >= HeadLength && head[0] is Alert or Handshake && head[1] == 0x03 && head[2] <= 0x04;

    /// <summary>Whether the TLS records that <paramref name="records"/> starts with include an alert (a cut-off last record counts by its header).</summary>
    public static bool ContainsAlert(ReadOnlySpan<byte> records)
    {
        while (records.Length >= RecordHeaderLength && records[1] == 0x03)
        {
            if (records[0] == Alert)
            {
                return true;
            }

            int next = RecordHeaderLength + ((records[3] << 8) | records[4]);
            records = next < records.Length ? records[next..] : [];
        }

        return false;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int read = _inner.Read(buffer, offset, count);
        Keep(buffer.AsSpan(offset, read));
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await _inner.ReadAsync(buffer, cancellationToken);
        Keep(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        => _inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => _inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private void Keep(ReadOnlySpan<byte> read)
    {
        int take = Math.Min(read.Length, KeptLength - _keptLength);
        read[..take].CopyTo(_kept.AsSpan(_keptLength));
        _keptLength += take;
    }
}
