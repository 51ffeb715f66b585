using System.Numerics;
using Sweep.Physics.Ensemble;

namespace Sweep.Physics.Tests.Ensemble;

/// <summary>
/// The limb sums and the fast fixed-point conversion must give exactly the numbers of the
/// BigInteger and runtime conversions they replace: stored batches carry those numbers.
/// </summary>
public sealed class ExactDoubleSumTests
{
    [Fact]
    public void Sums_any_finite_doubles_exactly_as_the_BigInteger_sum_does()
    {
        var random = new TestRandom(42);
        var sum = new ExactDoubleSum();
        var other = new ExactDoubleSum();
        BigInteger expected = BigInteger.Zero;
        double[] edges = [0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, -double.MaxValue, double.MaxValue, 1.0, -1.0, 2.2250738585072014E-308, -2.2250738585072009E-308, 0.5, 1.0000000000000002];
        IEnumerable<double> values = edges.Concat(Enumerable.Range(0, 20_000).Select(_ => RandomDouble(random)));
        int i = 0;
        foreach (double v in values)
        {
            // Half into a second sum merged at the end, as batches merge into a point.
            (i++ % 2 == 0 ? sum : other).Add(v);
            expected += ExactSum.Scaled(v);
        }

        sum.Add(other);
        Assert.Equal(expected, sum.ToBigInteger());
    }

    [Fact]
    public void Carries_and_borrows_across_every_limb()
    {
        var sum = new ExactDoubleSum();
        BigInteger expected = BigInteger.Zero;
        foreach (double v in new[] { double.Epsilon, -double.MaxValue, double.MaxValue, -double.Epsilon, -1.0, 1.0, -double.Epsilon })
        {
            sum.Add(v);
            expected += ExactSum.Scaled(v);
            Assert.Equal(expected, sum.ToBigInteger());
        }
    }

    [Fact]
    public void Round_trips_a_stored_sum_and_refuses_one_too_large()
    {
        var random = new TestRandom(3);
        foreach (int sign in new[] { 1, -1 })
        {
            BigInteger value = BigInteger.Zero;
            for (int k = 0; k < 50; k++)
            {
                value += ExactSum.Scaled(sign * Math.Abs(RandomDouble(random)));
            }

            Assert.Equal(value, ExactDoubleSum.From(value).ToBigInteger());
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => ExactDoubleSum.From(BigInteger.One << 2200));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExactDoubleSum().Add(double.NaN));
    }

    [Fact]
    public void The_fast_fixed_point_conversion_is_the_runtimes()
    {
        var random = new TestRandom(9);
        double scale = Math.ScaleB(1.0, FixedPoint.FractionBits);
        var values = new List<double> { 0.0, -0.0, 1.0, -1.0, double.Epsilon, Math.ScaleB(1, -52), Math.ScaleB(1, -53), Math.ScaleB(1.5, -104), Math.ScaleB(2.5, -104), Math.ScaleB(1, -41), Math.ScaleB(-1, -41), Math.BitDecrement(Math.ScaleB(1, -41)), Math.BitIncrement(Math.ScaleB(-1, -41)) };
        for (int k = 0; k < 200_000; k++)
        {
            // Magnitudes from 1 down to 2^-120, so both the rounded and the exact ranges are hit.
            values.Add((random.NextDouble() * 2 - 1) * Math.ScaleB(1, -(int)(random.NextDouble() * 120)));
        }

        foreach (double v in values)
        {
            Assert.Equal((Int128)Math.Round(v * scale, MidpointRounding.ToEven), FixedPoint.FromDouble(v));
        }
    }

    private static double RandomDouble(TestRandom random)
    {
        // Every exponent, subnormals included, and both signs.
        ulong bits = random.NextUInt64();
        double v = BitConverter.UInt64BitsToDouble(bits);
        return double.IsFinite(v) ? v : random.NextDouble();
    }
}
