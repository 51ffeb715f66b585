using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Sweep.Grains.Batches;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Points;

namespace Sweep.Grains.Tests.Storage;

/// <summary>
/// The Fig. 1 snapshot is stored as its summary (issue 14): its size does not grow with N, the
/// new fields survive the store's codec, and the full snapshots older builds stored (the
/// fixture store's first batches) still read, summarize, and compare bit for bit with a
/// snapshot computed now.
/// </summary>
public sealed class SnapshotSummaryTests
{
    private static Serializer Serializer { get; } = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(SpinSnapshotData).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    // A full snapshot of the shape SpinSnapshot.Compute gives (50 curves, 3 histogram times),
    // filled with values in range: the serialized size depends on the shape, not the physics.
    private static SpinSnapshot Synthetic(int n, int timePoints)
    {
        var random = new Random(14);
        double[] t = Enumerable.Range(0, timePoints).Select(k => Math.Exp((k * 0.1) - 10)).ToArray();
        double[] nn = Enumerable.Range(0, n).Select(_ => Math.Exp((random.NextDouble() * 6) - 3)).ToArray();
        int[] spins = SpinSnapshot.ChooseSpins(nn, SpinSnapshot.MaxCurves);
        double[] curves = Enumerable.Range(0, spins.Length * timePoints).Select(_ => (2 * random.NextDouble()) - 1).ToArray();
        double[] at = Enumerable.Range(0, 3 * n).Select(_ => (2 * random.NextDouble()) - 1).ToArray();
        return new SpinSnapshot(0, spins, t, curves, [1, 3, 10], at, nn);
    }

    private static SpinSnapshotData Full(SpinSnapshot s)
        => new(s.R, s.Spins, s.T, s.Curves, s.HistogramTimes, s.AtHistogramTimes, s.NearestNeighbourCoupling);

    [Fact]
    public void A_summary_at_a_million_spins_serializes_to_under_100_kB()
    {
        SpinSnapshot s = Synthetic(1_000_000, 200);
        byte[] summary = Serializer.SerializeToArray(SpinSnapshotData.From(SpinSnapshotSummary.Of(s)));
        Assert.InRange(summary.Length, 1, 99_999);
        // The full form it replaces: every spin's P_i at three times and its coupling, about 36 bytes per spin.
        Assert.True(Serializer.SerializeToArray(Full(s)).Length > 30_000_000);

        // Stored inside a batch row as the store writes it, the snapshot adds under 100 kB.
        BatchResult batch = StorageFactory.BatchCodec.Decode(FixtureRows.Batches()[0].Payload, "k")! with { Snapshot = null };
        int without = StorageFactory.BatchCodec.Encode(batch).Length;
        int with = StorageFactory.BatchCodec.Encode(batch with { Snapshot = SpinSnapshotData.From(SpinSnapshotSummary.Of(s)) }).Length;
        Assert.InRange(with - without, summary.Length - 16, 99_999);
    }

    [Fact]
    public void The_summarys_fields_survive_the_batch_codec_bit_for_bit()
    {
        SpinSnapshotSummary expected = SpinSnapshotSummary.Of(Synthetic(5_000, 30));
        BatchResult batch = StorageFactory.BatchCodec.Decode(FixtureRows.Batches()[0].Payload, "k")! with { Snapshot = SpinSnapshotData.From(expected) };

        SpinSnapshotData read = StorageFactory.BatchCodec.Decode(StorageFactory.BatchCodec.Encode(batch), "k")!.Snapshot!;

        Assert.True(read.IsSummary);
        Assert.Empty(read.AtHistogramTimes);
        Assert.Empty(read.NearestNeighbourCoupling);
        SpinSnapshotSummary actual = read.Summary();
        Assert.Equal(expected.R, actual.R);
        Assert.Equal(5_000, actual.N);
        Assert.Equal(expected.Spins, actual.Spins);
        Assert.Equal(Bits(expected.T), Bits(actual.T));
        Assert.Equal(Bits(expected.Curves), Bits(actual.Curves));
        Assert.Equal(Bits(expected.SpinCouplings), Bits(actual.SpinCouplings));
        Assert.Equal(Bits([expected.WeakestCoupling, expected.StrongestCoupling]), Bits([actual.WeakestCoupling, actual.StrongestCoupling]));
        Assert.Equal(Bits(expected.HistogramTimes), Bits(actual.HistogramTimes));
        Assert.Equal(expected.MagCounts, actual.MagCounts);
        Assert.Equal(expected.PurCounts, actual.PurCounts);
        Assert.Equal(3 * SpinSnapshotSummary.Bins, actual.MagCounts.Length);
        Assert.All(Enumerable.Range(0, 3), h => Assert.Equal(5_000, actual.MagHistogram(h).ToArray().Sum()));
        Assert.All(Enumerable.Range(0, 3), h => Assert.Equal(5_000, actual.PurHistogram(h).ToArray().Sum()));
        Assert.Null(BatchBits.Difference(batch, batch with { Snapshot = read }));
    }

    [Fact]
    public void Old_full_snapshots_still_read_summarize_and_compare_by_summary()
    {
        BatchResult[] old = FixtureRows.Batches()
            .Select(r => StorageFactory.BatchCodec.Decode(r.Payload, r.GrainId)!)
            .Where(b => b.Snapshot is not null)
            .ToArray();
        Assert.NotEmpty(old);
        foreach (BatchResult b in old)
        {
            SpinSnapshotData full = b.Snapshot!;
            Assert.False(full.IsSummary);
            Assert.True(full.N > 0);
            Assert.Equal(full.HistogramTimes.Length * full.N, full.AtHistogramTimes.Length);

            SpinSnapshotData summarized = full.Summarized();
            Assert.True(summarized.IsSummary);
            Assert.Equal(full.N, summarized.N);
            Assert.Equal(full.Spins.Select(i => full.NearestNeighbourCoupling[i]), summarized.SpinCouplings!);
            SpinSnapshotSummary s = summarized.Summary();
            for (int h = 0; h < full.HistogramTimes.Length; h++)
            {
                double[] at = full.AtHistogramTimes.AsSpan(h * full.N, full.N).ToArray();
                Assert.Equal(at.Count(p => p >= -1 && p <= 1), s.MagHistogram(h).ToArray().Sum());
                Assert.Equal(at.Count(p => p * p <= 1), s.PurHistogram(h).ToArray().Sum());
            }

            // A stored full snapshot and the same snapshot stored as a summary (as `sweep verify`
            // recomputes it now) have the same bits; a changed histogram count does not.
            Assert.Null(BatchBits.Difference(b, b with { Snapshot = summarized }));
            Assert.Null(BatchBits.Difference(b with { Snapshot = summarized }, b));
            int[] counts = (int[])summarized.MagCounts!.Clone();
            counts[^1]++;
            Assert.Equal("Fig. 1 snapshot", BatchBits.Difference(b, b with { Snapshot = summarized with { MagCounts = counts } }));
            double[] couplings = (double[])summarized.SpinCouplings!.Clone();
            couplings[0] = Math.BitIncrement(couplings[0]);
            Assert.Equal("Fig. 1 snapshot", BatchBits.Difference(b, b with { Snapshot = summarized with { SpinCouplings = couplings } }));
        }
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
