using Sweep.Physics.Kernel;

namespace Sweep.Physics.Tests.Kernel;

/// <summary>
/// The kernels' large-argument reduction must keep the bits of Math.IEEERemainder(a, 2 pi): every
/// stored batch with a pair past 2^42 was computed with it.
/// </summary>
public class TwoPiRemainderTests
{
    [Fact]
    public void Every_exponent_from_2_to_the_43_to_the_largest_double_gives_the_runtimes_bits()
    {
        var rng = new System.Random(2026);
        var values = new List<double>();
        for (int exponent = 40; exponent <= 1023; exponent++)
        {
            // The mantissa's extremes, then random mantissas, of either sign.
            long[] mantissas = [0, 1, 2, 0xFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFEL, .. Enumerable.Range(0, 60).Select(_ => rng.NextInt64(1L << 52))];
            foreach (long mantissa in mantissas)
            {
                double v = BitConverter.Int64BitsToDouble(((long)(exponent + 1023) << 52) | mantissa);
                values.Add(v);
                values.Add(-v);
            }
        }

        AssertSameBits(values);
    }

    [Fact]
    public void Multiples_of_2_pi_small_and_special_arguments_give_the_runtimes_bits()
    {
        var values = new List<double> { 0.0, -0.0, 1.0, -3.5, TwoPiRemainder.TwoPi, -TwoPiRemainder.TwoPi, 1.5 * TwoPiRemainder.TwoPi, 1e10, Math.ScaleB(1.0, 42), double.MaxValue, -double.MaxValue, double.Epsilon };
        for (int k = 0; k <= 1020; k += 7)
        {
            // Exact multiples 2 pi 2^k: the remainder is +-0, whose sign the runtime sets.
            values.Add(Math.ScaleB(TwoPiRemainder.TwoPi, k));
            values.Add(-Math.ScaleB(TwoPiRemainder.TwoPi, k));
        }

        AssertSameBits(values);
        Assert.True(double.IsNaN(TwoPiRemainder.Of(double.NaN)));
        Assert.True(double.IsNaN(TwoPiRemainder.Of(double.PositiveInfinity)));
    }

    [Fact]
    public void The_arguments_of_1D_couplings_at_large_alpha_give_the_runtimes_bits()
    {
        // 2 J tau from 2^42 to about 1e40, log-uniform, as in 1D at alpha = 10 and x = 1e-4.
        var rng = new System.Random(10);
        var values = Enumerable.Range(0, 100_000).Select(_ => Math.Pow(10, 13.2 + (27 * rng.NextDouble()))).ToList();
        AssertSameBits(values);
    }

    private static void AssertSameBits(List<double> values)
    {
        foreach (double v in values)
        {
            long expected = BitConverter.DoubleToInt64Bits(Math.IEEERemainder(v, TwoPiRemainder.TwoPi));
            long actual = BitConverter.DoubleToInt64Bits(TwoPiRemainder.Of(v));
            Assert.True(expected == actual, $"a = {v:R}: IEEERemainder {BitConverter.Int64BitsToDouble(expected):R}, TwoPiRemainder {BitConverter.Int64BitsToDouble(actual):R}");
        }
    }
}
