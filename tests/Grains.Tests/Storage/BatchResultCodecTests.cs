using System.Buffers.Binary;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage;
using Sweep.Grains.Storage.Payloads;

namespace Sweep.Grains.Tests.Storage;

public sealed class BatchResultCodecTests
{
    private static BatchResultCodec Codec => StorageFactory.BatchCodec;

    [Fact]
    public void Old_batch_rows_decode_and_survive_the_raw_codec_bit_for_bit()
    {
        IReadOnlyList<StoredStateRow> rows = FixtureRows.Batches();
        Assert.NotEmpty(rows);
        foreach (StoredStateRow row in rows)
        {
            BatchResult old = Codec.Decode(row.Payload, row.GrainId)!;
            Assert.Equal(GrainIds.BatchPrefix + old.Id.GrainKey, row.GrainId);

            byte[] encoded = Codec.Encode(old);
            Assert.Equal(PayloadCodec.BatchSumsRaw, StoredEnvelope.Open(encoded, row.GrainId).Codec);
            AssertSame(old, Codec.Decode(encoded, row.GrainId)!);
        }
    }

    [Fact]
    public void The_sums_are_stored_as_raw_little_endian_Int128_arrays()
    {
        BatchResult old = Codec.Decode(FixtureRows.Batches()[0].Payload, "k")!;
        byte[] encoded = Codec.Encode(old);
        ReadOnlySpan<byte> body = StoredEnvelope.Open(encoded, "k").Body.Span;

        int offset = 4 + (int)BinaryPrimitives.ReadUInt32LittleEndian(body);
        foreach (Int128[] expected in new[] { old.Sums.Mag, old.Sums.Pur, old.Sums.MagSquares, old.Sums.PurSquares })
        {
            Assert.Equal(expected.Length, (int)BinaryPrimitives.ReadUInt32LittleEndian(body[offset..]));
            offset += 4;
            for (int i = 0; i < expected.Length; i++, offset += 16)
            {
                Assert.Equal(expected[i], BinaryPrimitives.ReadInt128LittleEndian(body[offset..]));
            }
        }

        Assert.Equal(body.Length, offset);
        Assert.Equal(34 * old.Sums.TimePoints, old.Sums.Mag.Length + old.Sums.Pur.Length + old.Sums.MagSquares.Length + old.Sums.PurSquares.Length);
    }

    [Fact]
    public void Extreme_sums_round_trip()
    {
        BatchResult old = Codec.Decode(FixtureRows.Batches()[0].Payload, "k")!;
        Int128[] extremes = old.Sums.Mag.Select((_, i) => (i % 4) switch
        {
            0 => Int128.MinValue,
            1 => Int128.MaxValue,
            2 => Int128.NegativeOne,
            _ => (Int128)i << 100,
        }).ToArray();
        BatchResult extreme = old with { Sums = old.Sums with { Mag = extremes } };

        AssertSame(extreme, Codec.Decode(Codec.Encode(extreme), "k")!);
    }

    [Fact]
    public void A_flipped_bit_in_a_stored_batch_is_reported_as_corrupt_naming_its_key()
    {
        StoredStateRow row = FixtureRows.Batches()[0];
        byte[] encoded = Codec.Encode(Codec.Decode(row.Payload, row.GrainId)!);
        // A sample of positions across header, batch header and sums (every position of a
        // state is covered in StoredEnvelopeTests).
        for (int i = 0; i < encoded.Length; i += 97)
        {
            byte[] damaged = (byte[])encoded.Clone();
            damaged[i] ^= 0x10;
            var e = Assert.Throws<StoredPayloadCorruptException>(() => Codec.Decode(damaged, "batch/" + row.GrainId));
            Assert.Equal("batch/" + row.GrainId, e.Key);
            Assert.Contains(row.GrainId, e.Message, StringComparison.Ordinal);
        }
    }

    private static void AssertSame(BatchResult expected, BatchResult actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Provenance, actual.Provenance);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.ComputeSeconds), BitConverter.DoubleToInt64Bits(actual.ComputeSeconds));
        SumsData e = expected.Sums, a = actual.Sums;
        Assert.Equal(e.TimePoints, a.TimePoints);
        Assert.Equal(e.Mag, a.Mag);
        Assert.Equal(e.Pur, a.Pur);
        Assert.Equal(e.MagSquares, a.MagSquares);
        Assert.Equal(e.PurSquares, a.PurSquares);
        Assert.Equal(e.BlockCounts, a.BlockCounts);
        Assert.Equal(e.JnnSum, a.JnnSum);
        Assert.Equal(e.JnnSquareSum, a.JnnSquareSum);
        Assert.Equal(expected.Snapshot is null, actual.Snapshot is null);
        if (expected.Snapshot is { } s && actual.Snapshot is { } t)
        {
            Assert.Equal(s.R, t.R);
            Assert.Equal(s.Spins, t.Spins);
            Assert.Equal(s.T.Select(BitConverter.DoubleToInt64Bits), t.T.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(s.Curves.Select(BitConverter.DoubleToInt64Bits), t.Curves.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(s.HistogramTimes.Select(BitConverter.DoubleToInt64Bits), t.HistogramTimes.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(s.AtHistogramTimes.Select(BitConverter.DoubleToInt64Bits), t.AtHistogramTimes.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(s.NearestNeighbourCoupling.Select(BitConverter.DoubleToInt64Bits), t.NearestNeighbourCoupling.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(s.SpinCount, t.SpinCount);
            Assert.Equal(s.SpinCouplings?.Select(BitConverter.DoubleToInt64Bits), t.SpinCouplings?.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(BitConverter.DoubleToInt64Bits(s.WeakestCoupling), BitConverter.DoubleToInt64Bits(t.WeakestCoupling));
            Assert.Equal(BitConverter.DoubleToInt64Bits(s.StrongestCoupling), BitConverter.DoubleToInt64Bits(t.StrongestCoupling));
            Assert.Equal(s.MagCounts, t.MagCounts);
            Assert.Equal(s.PurCounts, t.PurCounts);
        }
    }
}
