using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Orleans.Serialization;
using Sweep.Grains.Batches;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Storage.Payloads;

/// <summary>
/// Encodes a batch result for the store (<see cref="PayloadCodec.BatchSumsRaw"/> in a
/// <see cref="StoredEnvelope"/>) and decodes every form a stored batch result can have.
/// </summary>
/// <remarks>
/// Body of <see cref="PayloadCodec.BatchSumsRaw"/>, little-endian: a u32 length and the
/// <see cref="StoredBatchHeader"/> in Orleans' binary serialization; then the curve sums Mag,
/// Pur, MagSquares, PurSquares, each a u32 count and count Int128 values of 16 bytes (low 64
/// bits first), exactly as <see cref="SumsData"/> holds them (multiples of 2^-104). At T = 200
/// that is 34 x 200 x 16 = 108,800 bytes of sums.
/// Bare payloads of older builds (format 1) and enveloped Orleans states are a whole
/// <see cref="BatchState"/>, as the batch grain stored it.
/// </remarks>
public sealed class BatchResultCodec
{
    private const int Int128Bytes = 16;

    private readonly Serializer _serializer;

    public BatchResultCodec(Serializer serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        _serializer = serializer;
    }

    /// <summary>The framed payload of a batch result.</summary>
    public byte[] Encode(BatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        SumsData sums = result.Sums;
        var header = new StoredBatchHeader(
            result.Id, result.Provenance, result.ComputeSeconds, result.Snapshot, sums.TimePoints, sums.BlockCounts, sums.JnnSum, sums.JnnSquareSum);
        byte[] head = _serializer.SerializeToArray(header);
        Int128[][] arrays = [sums.Mag, sums.Pur, sums.MagSquares, sums.PurSquares];
        int bodyLength = 4 + head.Length + arrays.Sum(a => 4 + (a.Length * Int128Bytes));

        var payload = new byte[StoredEnvelope.HeaderLength + bodyLength];
        Span<byte> body = payload.AsSpan(StoredEnvelope.HeaderLength);
        BinaryPrimitives.WriteUInt32LittleEndian(body, (uint)head.Length);
        head.CopyTo(body[4..]);
        int offset = 4 + head.Length;
        foreach (Int128[] values in arrays)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(body[offset..], (uint)values.Length);
            offset += 4;
            WriteLittleEndian(values, body.Slice(offset, values.Length * Int128Bytes));
            offset += values.Length * Int128Bytes;
        }

        StoredEnvelope.Seal(payload, PayloadCodec.BatchSumsRaw);
        return payload;
    }

    /// <summary>
    /// The batch result in a stored payload, or null for a stored state that holds none.
    /// <paramref name="key"/> names it in errors.
    /// </summary>
    /// <exception cref="StoredPayloadCorruptException">The checksum or the layout does not match.</exception>
    /// <exception cref="StoredPayloadVersionException">Written by a newer Sweep.</exception>
    public BatchResult? Decode(ReadOnlyMemory<byte> stored, string key)
    {
        OpenedPayload opened = StoredEnvelope.Open(stored, key);
        try
        {
            return opened.Codec switch
            {
                PayloadCodec.BatchSumsRaw => DecodeRaw(opened.Body.Span, key),
                _ => DecodeState(opened.Body, key),
            };
        }
        catch (Exception e) when (e is not StoredPayloadCorruptException and not StoredPayloadVersionException and not OutOfMemoryException)
        {
            throw new StoredPayloadCorruptException(key, $"format {opened.FormatVersion} {opened.Codec} batch result does not decode ({e.GetType().Name}: {e.Message})", e);
        }
    }

    private BatchResult? DecodeState(ReadOnlyMemory<byte> body, string key)
    {
        BatchState? state = _serializer.Deserialize<BatchState>(body);
        EnvelopedStateSerializer.CheckVersion(state, key);
        return state?.Result;
    }

    private BatchResult DecodeRaw(ReadOnlySpan<byte> body, string key)
    {
        int headLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(body));
        StoredBatchHeader header = _serializer.Deserialize<StoredBatchHeader>(body.Slice(4, headLength).ToArray())
            ?? throw new StoredPayloadCorruptException(key, "the batch header is empty");
        int offset = 4 + headLength;
        var arrays = new Int128[4][];
        for (int i = 0; i < arrays.Length; i++)
        {
            int count = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(body[offset..]));
            offset += 4;
            arrays[i] = ReadLittleEndian(body.Slice(offset, checked(count * Int128Bytes)), count);
            offset += count * Int128Bytes;
        }

        if (offset != body.Length)
        {
            throw new StoredPayloadCorruptException(key, $"{body.Length - offset} bytes left after the sums");
        }

        var sums = new SumsData(header.TimePoints, arrays[0], arrays[1], arrays[2], arrays[3], header.BlockCounts, header.JnnSum, header.JnnSquareSum);
        return new BatchResult(header.Id, sums, header.Provenance, header.ComputeSeconds, header.Snapshot);
    }

    private static void WriteLittleEndian(Int128[] values, Span<byte> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(destination);
            return;
        }

        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt128LittleEndian(destination[(i * Int128Bytes)..], values[i]);
        }
    }

    private static Int128[] ReadLittleEndian(ReadOnlySpan<byte> source, int count)
    {
        var values = new Int128[count];
        if (BitConverter.IsLittleEndian)
        {
            source.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            return values;
        }

        for (int i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadInt128LittleEndian(source[(i * Int128Bytes)..]);
        }

        return values;
    }
}
