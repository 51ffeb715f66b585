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

    /// <summary>
    /// num / (den 2^scaleBits) rounded once to the nearest double (ties to even); den must be
    /// positive. The same bits as the BigInteger overload, without allocating when the integer
    /// quotient num / den keeps at least 55 bits, as an ensemble mean's fixed-point sum over its
    /// count does (a point's analysis converts some 7,000 of them).
    /// </summary>
    public static double ToDouble(Int128 num, long den, int scaleBits)
    {
        if (den <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(den), "the denominator must be positive");
        }

        bool negative = num < 0;
        // |Int128.MinValue| still fits in UInt128.
        UInt128 a = negative ? (UInt128)(-(num + 1)) + 1 : (UInt128)num;
        (UInt128 q, UInt128 rem) = UInt128.DivRem(a, (UInt128)(ulong)den);
        int length = 128 - (int)UInt128.LeadingZeroCount(q);
        if (length < 55)
        {
            return ToDouble((BigInteger)num, (BigInteger)den << scaleBits);
        }

        int drop = length - 53;
        UInt128 mantissa = q >> drop;
        UInt128 dropped = q - (mantissa << drop);
        UInt128 half = UInt128.One << (drop - 1);
        if (dropped > half || (dropped == half && (rem != 0 || (mantissa & 1) != 0)))
        {
            mantissa += 1;
        }

        double result = Math.ScaleB((double)(ulong)mantissa, drop - scaleBits);
        return negative ? -result : result;
    }
}
