using System.Numerics;

namespace Sweep.Physics.Ensemble;

/// <summary>
/// Fixed-point representation of values in [-1, 1] as Int128 multiples of 2^-104. Every double
/// of magnitude at least 2^-51 converts exactly; smaller ones round to the grid (error below
/// 3e-32). Integer sums are associative, so any order of adding realizations gives the same
/// bits, and 2^22 realizations fit without overflow.
/// </summary>
internal static class FixedPoint
{
    public const int FractionBits = 104;

    /// <summary>Largest number of realizations whose sum cannot overflow.</summary>
    public const long MaxTerms = 1L << 22;

    private static readonly double Scale = Math.ScaleB(1.0, FractionBits);

    public static Int128 FromDouble(double value)
    {
        if (!(Math.Abs(value) <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "fixed-point values must lie in [-1, 1]");
        }

        return (Int128)Math.Round(value * Scale, MidpointRounding.ToEven);
    }

    public static BigInteger ToBig(Int128 value) => (BigInteger)value;
}
