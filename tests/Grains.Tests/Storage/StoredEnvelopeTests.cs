using System.Buffers.Binary;
using System.IO.Hashing;
using Sweep.Grains.Storage.Payloads;

namespace Sweep.Grains.Tests.Storage;

public sealed class StoredEnvelopeTests
{
    private static byte[] Body(int length)
    {
        var body = new byte[length];
        new Random(5).NextBytes(body);
        return body;
    }

    [Fact]
    public void A_wrapped_body_opens_with_its_codec_and_bytes()
    {
        byte[] body = Body(300);
        byte[] payload = StoredEnvelope.Wrap(PayloadCodec.BatchSumsRaw, body);

        OpenedPayload opened = StoredEnvelope.Open(payload, "k");

        Assert.Equal(StoredEnvelope.HeaderLength + body.Length, payload.Length);
        Assert.Equal((StoredEnvelope.FormatVersion, PayloadCodec.BatchSumsRaw), (opened.FormatVersion, opened.Codec));
        Assert.Equal(body, opened.Body.ToArray());
    }

    [Fact]
    public void A_payload_without_the_magic_is_read_as_format_1_in_full()
    {
        // What builds before the envelope stored: Orleans' binary encoding, which starts with 0x20.
        byte[] bare = StorageFactory.BareSerializer.Serialize(new ProbeState { Value = 3 }).ToArray();

        OpenedPayload opened = StoredEnvelope.Open(bare, "k");

        Assert.Equal((StoredEnvelope.BareFormatVersion, PayloadCodec.OrleansBinary), (opened.FormatVersion, opened.Codec));
        Assert.Equal(bare, opened.Body.ToArray());
        Assert.Equal(3, StorageFactory.Serializer.Read<ProbeState>(bare, "k")!.Value);
    }

    [Fact]
    public void Every_flipped_bit_of_a_stored_state_is_reported_as_corrupt_and_never_read()
    {
        byte[] payload = StorageFactory.Serializer.Serialize(new ProbeState { Value = 1234567, Label = "a label of some length" }).ToArray();
        Assert.Equal(1234567, StorageFactory.Serializer.Read<ProbeState>(payload, "probe/a")!.Value);

        for (int i = 0; i < payload.Length; i++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] damaged = (byte[])payload.Clone();
                damaged[i] ^= (byte)(1 << bit);
                var e = Assert.Throws<StoredPayloadCorruptException>(() => StorageFactory.Serializer.Read<ProbeState>(damaged, "probe/a"));
                Assert.Equal("probe/a", e.Key);
            }
        }
    }

    [Fact]
    public void A_truncated_or_extended_payload_is_corrupt()
    {
        byte[] payload = StoredEnvelope.Wrap(PayloadCodec.OrleansBinary, Body(40));

        Assert.Throws<StoredPayloadCorruptException>(() => StoredEnvelope.Open(payload.AsMemory(0, payload.Length - 1), "k"));
        Assert.Throws<StoredPayloadCorruptException>(() => StoredEnvelope.Open(payload.AsMemory(0, 10), "k"));
        Assert.Throws<StoredPayloadCorruptException>(() => StoredEnvelope.Open(payload.Concat(new byte[] { 0 }).ToArray(), "k"));
    }

    [Fact]
    public void An_intact_payload_of_a_newer_format_or_an_unknown_codec_is_refused_as_too_new()
    {
        byte[] newer = StoredEnvelope.Wrap(PayloadCodec.OrleansBinary, Body(40));
        newer[4] = StoredEnvelope.FormatVersion + 1;
        Reseal(newer);
        var format = Assert.Throws<StoredPayloadVersionException>(() => StoredEnvelope.Open(newer, "point/x"));
        Assert.Contains("'point/x'", format.Message, StringComparison.Ordinal);
        Assert.Contains("newer Sweep", format.Message, StringComparison.Ordinal);

        byte[] codec = StoredEnvelope.Wrap(PayloadCodec.OrleansBinary, Body(40));
        BinaryPrimitives.WriteUInt16LittleEndian(codec.AsSpan(6), 999);
        Reseal(codec);
        Assert.Throws<StoredPayloadVersionException>(() => StoredEnvelope.Open(codec, "k"));
    }

    [Fact]
    public void Header_fields_a_later_build_appends_are_skipped()
    {
        // A later build may append fields to the header (a kernel version, say): this build still
        // finds the body, so payloads stay readable in both directions.
        byte[] body = Body(64);
        byte[] current = StoredEnvelope.Wrap(PayloadCodec.BatchSumsRaw, body);
        const int Extra = 8;
        var longer = new byte[current.Length + Extra];
        current.AsSpan(0, StoredEnvelope.HeaderLength).CopyTo(longer);
        longer.AsSpan(StoredEnvelope.HeaderLength, Extra).Fill(0xAB);
        body.CopyTo(longer.AsSpan(StoredEnvelope.HeaderLength + Extra));
        BinaryPrimitives.WriteUInt16LittleEndian(longer.AsSpan(8), StoredEnvelope.HeaderLength + Extra);
        Reseal(longer);

        OpenedPayload opened = StoredEnvelope.Open(longer, "k");

        Assert.Equal(PayloadCodec.BatchSumsRaw, opened.Codec);
        Assert.Equal(body, opened.Body.ToArray());
    }

    // The checksum as the layout defines it: every byte but its own 8 (offsets 16..23).
    private static void Reseal(byte[] payload)
    {
        var hash = new XxHash64();
        hash.Append(payload.AsSpan(0, 16));
        hash.Append(payload.AsSpan(24));
        BinaryPrimitives.WriteUInt64LittleEndian(payload.AsSpan(16), hash.GetCurrentHashAsUInt64());
    }
}
