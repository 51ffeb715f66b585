using System.Numerics;
using Sweep.Physics.Ensemble;
using Sweep.Physics.Random;

namespace Sweep.Physics.Tests.Ensemble;

public class EnsembleAccumulatorTests
{
    private const int T = 17;

    private static (double[] Mag, double[] Pur, double Jnn) Curves(long r)
    {
        var rng = new Xoshiro256StarStar((ulong)r * 7919 + 1);
        var mag = new double[T];
        var pur = new double[T];
        for (int k = 0; k < T; k++)
        {
            // Values across many binades, both signs, with tiny ones that stress the fixed-point grid.
            mag[k] = rng.NextSymmetric() * Math.Pow(10, -k);
            pur[k] = rng.NextDouble() * Math.Pow(10, -2 * k);
        }

        return (mag, pur, Math.Exp(20 * rng.NextSymmetric()));
    }

    private static EnsembleAccumulator Batch(IEnumerable<long> rs)
    {
        var acc = new EnsembleAccumulator(T);
        foreach (long r in rs)
        {
            var (m, p, j) = Curves(r);
            acc.Add(r, m, p, j);
        }

        return acc;
    }

    private static void AssertSameBits(EnsembleAverage a, EnsembleAverage b)
    {
        Assert.Equal(a.Realizations, b.Realizations);
        foreach (var (x, y) in new[] { (a.Mag, b.Mag), (a.MagSem, b.MagSem), (a.Pur, b.Pur), (a.PurSem, b.PurSem) })
        {
            Assert.Equal(x.Select(BitConverter.DoubleToInt64Bits), y.Select(BitConverter.DoubleToInt64Bits));
        }

        Assert.Equal(BitConverter.DoubleToInt64Bits(a.JnnRatio), BitConverter.DoubleToInt64Bits(b.JnnRatio));
        Assert.Equal(BitConverter.DoubleToInt64Bits(a.JnnRatioSem), BitConverter.DoubleToInt64Bits(b.JnnRatioSem));
    }

    [Fact]
    public void AnyBatchingAndMergeOrderGivesTheSameBits()
    {
        EnsembleAverage reference = Batch(Enumerable.Range(0, 100).Select(i => (long)i)).Average();

        var batches = new[] { (0, 7), (7, 33), (40, 1), (41, 59) }
            .Select(b => Batch(Enumerable.Range(b.Item1, b.Item2).Select(i => (long)i))).ToList();
        var forward = new EnsembleAccumulator(T);
        batches.ForEach(forward.Merge);
        var backward = new EnsembleAccumulator(T);
        Enumerable.Reverse(batches).ToList().ForEach(backward.Merge);
        var tree = Batch(Enumerable.Range(0, 40).Select(i => (long)i));
        var right = Batch(Enumerable.Range(40, 60).Reverse().Select(i => (long)i));
        tree.Merge(right);

        AssertSameBits(reference, forward.Average());
        AssertSameBits(reference, backward.Average());
        AssertSameBits(reference, tree.Average());
    }

    [Fact]
    public void MeansAndErrorsMatchADirectComputation()
    {
        const int n = 50;
        var acc = Batch(Enumerable.Range(0, n).Select(i => (long)i));
        EnsembleAverage avg = acc.Average();
        for (int k = 0; k < T; k++)
        {
            var values = Enumerable.Range(0, n).Select(r => Curves(r).Mag[k]).ToArray();
            double mean = values.Average();
            double sem = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1) / n);
            Assert.Equal(mean, avg.Mag[k], Math.Max(1e-30, Math.Abs(mean) * 1e-13));
            // Squares live on the 2^-104 grid too, so tiny curves have an absolute, not relative, error floor.
            Assert.Equal(sem, avg.MagSem[k], Math.Max(1e-16, sem * 1e-10));
        }

        var jnn = Enumerable.Range(0, n).Select(r => Curves(r).Jnn).ToArray();
        Assert.Equal(jnn.Average(), avg.JnnRatio, jnn.Average() * 1e-14);
    }

    [Fact]
    public void ExportImportRoundTripsAndLeaveOneBlockOutExcludesExactlyThatBlock()
    {
        var acc = Batch(Enumerable.Range(0, 40).Select(i => (long)i));
        var copy = EnsembleAccumulator.Import(acc.Export());
        AssertSameBits(acc.Average(), copy.Average());

        var without3 = acc.MeanWithoutBlock(3);
        Assert.NotNull(without3);
        var direct = Batch(Enumerable.Range(0, 40).Where(r => r % EnsembleAccumulator.Blocks != 3).Select(i => (long)i)).Average();
        Assert.Equal(direct.Mag, without3.Value.Mag);
        Assert.Equal(direct.Pur, without3.Value.Pur);
    }

    [Fact]
    public void RejectsValuesOutsideTheUnitIntervalAndWrongShapes()
    {
        var acc = new EnsembleAccumulator(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => acc.Add(0, new[] { 1.5, 0 }, new[] { 0.0, 0 }, 1));
        Assert.Throws<ArgumentException>(() => acc.Add(0, new[] { 0.5 }, new[] { 0.0, 0 }, 1));
        Assert.Throws<ArgumentException>(() => acc.Merge(new EnsembleAccumulator(3)));
        Assert.Throws<InvalidOperationException>(() => acc.Average());
    }

    [Fact]
    public void ExactRationalRoundsOnceToNearest()
    {
        var rng = new Xoshiro256StarStar(11);
        for (int i = 0; i < 2000; i++)
        {
            long a = (long)(rng.NextUInt64() >> 12) - (1L << 51);
            long b = (long)(rng.NextUInt64() >> 12) + 1;
            // Both fit in 53 bits, so IEEE division is the correctly rounded quotient.
            Assert.Equal((double)a / b, ExactRational.ToDouble(a, b));
        }

        Assert.Equal(1.0 / 3.0, ExactRational.ToDouble(BigInteger.One << 2000, (BigInteger.One << 2000) * 3));
    }

    [Fact]
    public void TheFixedPointMeanGivesTheBitsOfTheExactRational()
    {
        var rng = new Xoshiro256StarStar(23);
        var cases = new List<(Int128 Num, long Den)>
        {
            (Int128.MaxValue, 1), (Int128.MinValue, 1), (Int128.MaxValue, 3), (Int128.MinValue + 1, 7), (0, 5), (1, 1), (-1, 3),
        };
        for (int i = 0; i < 20000; i++)
        {
            // Numerators of every bit length (most above the 55-bit quotient of the fast path,
            // some below it), counts from 1 to 2^22.
            var num = (Int128)new UInt128(rng.NextUInt64(), rng.NextUInt64()) >> (int)(rng.NextUInt64() % 127);
            long den = 1 + (long)(rng.NextUInt64() % (1UL << (int)(rng.NextUInt64() % 23)));
            cases.Add(((rng.NextUInt64() & 1) == 0 ? num : -num, den));
        }

        // Exact ties between two doubles, rounding to the even neighbour up and down.
        for (int i = 0; i < 2000; i++)
        {
            long den = 1 + (long)(rng.NextUInt64() % 1000);
            int drop = 1 + (int)(rng.NextUInt64() % 40);
            UInt128 mantissa = (rng.NextUInt64() >> 11) | (1UL << 52);
            UInt128 quotient = (mantissa << drop) | (UInt128.One << (drop - 1));
            cases.Add(((Int128)(quotient * (ulong)den), den));
        }

        foreach ((Int128 num, long den) in cases)
        {
            double exact = ExactRational.ToDouble((BigInteger)num, (BigInteger)den << FixedPoint.FractionBits);
            double fast = ExactRational.ToDouble(num, den, FixedPoint.FractionBits);
            Assert.True(BitConverter.DoubleToInt64Bits(exact) == BitConverter.DoubleToInt64Bits(fast), $"{num} / ({den} 2^104): {exact:R} != {fast:R}");
        }
    }
}
