using System.Numerics;

namespace Sweep.Physics.Ensemble;

/// <summary>
/// An exact sum of arbitrary finite doubles: each is an integer multiple of 2^-1074, so the sum
/// is kept as that integer. Order of addition cannot change the result.
/// </summary>
internal static class ExactSum
{
    private const int MinExponent = 1074;

    /// <summary>value * 2^1074 as an exact integer.</summary>
    public static BigInteger Scaled(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "only finite values can be summed exactly");
        }

        long bits = BitConverter.DoubleToInt64Bits(value);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        long mantissa = exponent == 0 ? fraction : fraction | (1L << 52);
        int shift = exponent == 0 ? 0 : exponent - 1;
        var magnitude = new BigInteger(mantissa) << shift;
        return bits < 0 ? -magnitude : magnitude;
    }

    /// <summary>The denominator 2^1074 of <see cref="Scaled"/>.</summary>
    public static BigInteger Unit { get; } = BigInteger.One << MinExponent;
}
