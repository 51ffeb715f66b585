using System.Buffers.Binary;
using System.IO.Hashing;

namespace Sweep.Grains.Storage.Payloads;

/// <summary>
/// The frame around every stored payload (batch results, point, campaign and directory states, in
/// SQLite and in Redis): what wrote it, how to decode it, and a checksum verified on every read.
/// </summary>
/// <remarks>
/// Layout, little-endian, fixed for every format version:
/// <code>
///  0  4  magic "SWPE"
///  4  1  format version (2; version 1 is the bare payload older builds wrote, with no frame)
///  5  1  reserved, 0
///  6  2  codec (<see cref="PayloadCodec"/>)
///  8  2  header length: the body starts here (24 now; a later build may append header fields)
/// 10  2  reserved, 0
/// 12  4  body length
/// 16  8  XxHash64 (seed 0) of every byte of the payload except these 8
/// 24  .  body
/// </code>
/// A payload that does not start with the magic is read as format version 1: an Orleans-binary
/// state as stored before the envelope (its first byte is Orleans' field header, 0x20, never 'S').
/// </remarks>
public static class StoredEnvelope
{
    /// <summary>The format this build writes.</summary>
    public const byte FormatVersion = 2;

    /// <summary>The bare payloads of builds before the envelope.</summary>
    public const byte BareFormatVersion = 1;

    /// <summary>Bytes before the body in what this build writes.</summary>
    public const int HeaderLength = 24;

    private const int ChecksumOffset = 16;
    private const int ChecksumLength = 8;

    private static ReadOnlySpan<byte> Magic => "SWPE"u8;

    /// <summary>The body framed, in a new array of the exact length (what SQLite and Redis bind).</summary>
    public static byte[] Wrap(PayloadCodec codec, ReadOnlySpan<byte> body)
    {
        var payload = new byte[HeaderLength + body.Length];
        body.CopyTo(payload.AsSpan(HeaderLength));
        Seal(payload, codec);
        return payload;
    }

    /// <summary>
    /// Fills the header of <paramref name="payload"/>, whose body is already in place after
    /// <see cref="HeaderLength"/> reserved bytes (so a serializer can write straight into it).
    /// </summary>
    public static void Seal(Span<byte> payload, PayloadCodec codec)
    {
        if (payload.Length < HeaderLength)
        {
            throw new ArgumentException("the payload has no room for the header", nameof(payload));
        }

        Span<byte> header = payload[..HeaderLength];
        header.Clear();
        Magic.CopyTo(header);
        header[4] = FormatVersion;
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)codec);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], HeaderLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], checked((uint)(payload.Length - HeaderLength)));
        BinaryPrimitives.WriteUInt64LittleEndian(header[ChecksumOffset..], Checksum(payload));
    }

    /// <summary>
    /// The codec and body of a stored payload, after checking its frame and checksum.
    /// <paramref name="key"/> names the payload in errors.
    /// </summary>
    /// <exception cref="StoredPayloadCorruptException">The frame or the checksum does not match.</exception>
    /// <exception cref="StoredPayloadVersionException">An intact payload of a newer format or an unknown codec.</exception>
    public static OpenedPayload Open(ReadOnlyMemory<byte> stored, string? key)
    {
        ReadOnlySpan<byte> span = stored.Span;
        if (span.Length < Magic.Length || !span[..Magic.Length].SequenceEqual(Magic))
        {
            return new OpenedPayload(BareFormatVersion, PayloadCodec.OrleansBinary, stored);
        }

        if (span.Length < HeaderLength)
        {
            throw new StoredPayloadCorruptException(key, $"{span.Length} bytes, shorter than the {HeaderLength}-byte envelope header");
        }

        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(span[8..]);
        long bodyLength = BinaryPrimitives.ReadUInt32LittleEndian(span[12..]);
        if (headerLength < HeaderLength || headerLength + bodyLength != span.Length)
        {
            throw new StoredPayloadCorruptException(key, $"header says {headerLength} + {bodyLength} bytes, but {span.Length} are stored");
        }

        ulong expected = BinaryPrimitives.ReadUInt64LittleEndian(span[ChecksumOffset..]);
        ulong actual = Checksum(span);
        if (expected != actual)
        {
            throw new StoredPayloadCorruptException(key, $"XxHash64 is {actual:x16}, the envelope says {expected:x16}");
        }

        byte version = span[4];
        if (version > FormatVersion)
        {
            throw new StoredPayloadVersionException(key, $"envelope format {version}, this build knows up to {FormatVersion}");
        }

        if (version < FormatVersion)
        {
            throw new StoredPayloadCorruptException(key, $"envelope format {version} is never framed");
        }

        var codec = (PayloadCodec)BinaryPrimitives.ReadUInt16LittleEndian(span[6..]);
        if (!Enum.IsDefined(codec))
        {
            throw new StoredPayloadVersionException(key, $"codec {(ushort)codec} is unknown to this build");
        }

        return new OpenedPayload(version, codec, stored[headerLength..]);
    }

    private static ulong Checksum(ReadOnlySpan<byte> payload)
    {
        var hash = new XxHash64();
        hash.Append(payload[..ChecksumOffset]);
        hash.Append(payload[(ChecksumOffset + ChecksumLength)..]);
        return hash.GetCurrentHashAsUInt64();
    }
}

/// <summary>A stored payload whose frame checked out: the format it was written in, its codec and its body.</summary>
public readonly record struct OpenedPayload(byte FormatVersion, PayloadCodec Codec, ReadOnlyMemory<byte> Body);
