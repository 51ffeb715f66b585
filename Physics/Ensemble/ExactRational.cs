using System.Numerics;

namespace Sweep.Physics.Ensemble;

/// <summary>Correctly rounded conversion of exact integer ratios to double.</summary>
internal static class ExactRational
{
    /// <summary>num / den rounded once to the nearest double (ties to even); den must be positive.</summary>
    public static double ToDouble(BigInteger num, BigInteger den)
    {
        if (den.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(den), "the denominator must be positive");
        }

        if (num.IsZero)
        {
            return 0.0;
        }

        bool negative = num.Sign < 0;
        BigInteger a = BigInteger.Abs(num);
        // Scale so the integer quotient has at least 55 bits: 53 kept, a guard bit, and room for sticky.
        long shift = 55 - ((long)a.GetBitLength() - (long)den.GetBitLength());
        BigInteger q = shift >= 0
            ? BigInteger.DivRem(a << (int)shift, den, out BigInteger rem)
            : BigInteger.DivRem(a, den << (int)-shift, out rem);
        bool sticky = !rem.IsZero;
        int length = (int)q.GetBitLength();
        int drop = length - 53;
        BigInteger mantissa = q >> drop;
        BigInteger dropped = q - (mantissa << drop);
        BigInteger half = BigInteger.One << (drop - 1);
        int cmp = dropped.CompareTo(half);
        if (cmp > 0 || (cmp == 0 && (sticky || !mantissa.IsEven)))
        {
            mantissa += 1;
        }

        double result = Math.ScaleB((double)(ulong)mantissa, (int)(drop - shift));
        return negative ? -result : result;
    }
}
