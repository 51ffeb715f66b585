using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sweep.Physics.Kernel;

/// <summary>
/// cos(a) for arguments of any size, computed with one fixed sequence of IEEE operations
/// (fused multiply-adds throughout) so that the scalar, 256-bit and 512-bit versions return the
/// same bits for the same argument.
/// <para>
/// Method: q = nearest integer to a/pi, r = a - q pi with a three-part pi (Cody-Waite, one FMA
/// per part), cos(a) = (-1)^q cos(r) with cos(r) = 1 + r^2 g(r^2) and g a degree-7 Chebyshev fit
/// on |r| &lt;= pi/2 + 0.01 (absolute error below 5e-17).
/// </para>
/// <para>
/// Arguments with |a| above <see cref="LargeArgument"/> are first reduced exactly in scalar code
/// by Math.IEEERemainder(a, 2 pi) (2 pi rounded to double; <see cref="TwoPiRemainder"/> computes it
/// with the same bits, faster). There the double argument no longer
/// determines the physical phase, so only determinism matters. A non-finite argument (an infinite
/// coupling from coincident spins, or NaN) is taken as 0, so its factor is exactly 1: the result
/// stays finite and deterministic instead of spreading NaN through every product it touches.
/// </para>
/// </summary>
internal static class PeriodicCosine
{
    /// <summary>
    /// Largest |a| the common path handles (2^42). Up to here the quotient stays far below the
    /// 2^51 limit of the rounding trick, and with FMA the first Cody-Waite step is exact (both
    /// a and q * pi_1 are multiples of 2^-51 and the difference is below 2), so the reduction is
    /// accurate to about one ulp of r. The slack of the rounded 1/pi at this size keeps |r| within
    /// pi/2 + 1e-3, inside the polynomial's fitted range.
    /// </summary>
    internal const double LargeArgument = 4398046511104.0;

    // 1.5 * 2^52: adding it rounds a/pi to an integer that lands in the low mantissa bits, so the
    // lowest bit of the sum is the parity of q, i.e. the sign of the result.
    internal const double RoundingMagic = 6755399441055744.0;
    internal const double InvPi = 0.3183098861837907;

    // pi = Pi1 + Pi2 + Pi3 to about 1e-49; each part is the double nearest the remainder.
    internal const double Pi1 = 3.141592653589793;
    internal const double Pi2 = 1.2246467991473532e-16;
    internal const double Pi3 = -2.9947698097183397e-33;

    // g(x) = (cos(sqrt x) - 1) / x, Chebyshev fit on x in [0, (pi/2 + 0.01)^2]; G0 is exactly -1/2.
    internal const double G7 = 4.6257671879826683e-14;
    internal const double G6 = -1.146453582135462e-11;
    internal const double G5 = 2.0876626010996314e-09;
    internal const double G4 = -2.7557317691934934e-07;
    internal const double G3 = 2.4801587291850444e-05;
    internal const double G2 = -0.001388888888885849;
    internal const double G1 = 0.041666666666666304;
    internal const double G0 = -0.5;

    /// <summary>cos(a) for any double a, by the rules in the class summary.</summary>
    internal static double Cos(double a) => Core(NeedsLargeReduction(a) ? ReduceLarge(a) : a);

    /// <summary>True when a must be pre-reduced (|a| above the threshold, or not finite).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool NeedsLargeReduction(double a) => !(Math.Abs(a) <= LargeArgument);

    /// <summary>The exact scalar pre-reduction for large or non-finite arguments.</summary>
    internal static double ReduceLarge(double a) => double.IsFinite(a) ? TwoPiRemainder.Of(a) : 0.0;

    /// <summary>The common path; requires |a| &lt;= <see cref="LargeArgument"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Core(double a)
    {
        double t = Math.FusedMultiplyAdd(a, InvPi, RoundingMagic);
        double negQ = RoundingMagic - t;
        double r = Math.FusedMultiplyAdd(negQ, Pi1, a);
        r = Math.FusedMultiplyAdd(negQ, Pi2, r);
        r = Math.FusedMultiplyAdd(negQ, Pi3, r);
        double x = r * r;
        double g = Math.FusedMultiplyAdd(G7, x, G6);
        g = Math.FusedMultiplyAdd(g, x, G5);
        g = Math.FusedMultiplyAdd(g, x, G4);
        g = Math.FusedMultiplyAdd(g, x, G3);
        g = Math.FusedMultiplyAdd(g, x, G2);
        g = Math.FusedMultiplyAdd(g, x, G1);
        g = Math.FusedMultiplyAdd(g, x, G0);
        double c = Math.FusedMultiplyAdd(x, g, 1.0);
        ulong sign = BitConverter.DoubleToUInt64Bits(t) << 63;
        return BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(c) ^ sign);
    }

    /// <summary>The common path on 8 lanes; requires every |a| &lt;= <see cref="LargeArgument"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> Core(Vector512<double> a) => Core(a, default(EmbeddedCosineLanes512));

    /// <summary>As <see cref="Core(Vector512{double})"/>, with the constants from <paramref name="k"/>: the same operations, so the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> Core<TLanes>(Vector512<double> a, TLanes k)
        where TLanes : ICosineLanes<Vector512<double>>
    {
        var magic = k.RoundingMagic;
        var t = Vector512.FusedMultiplyAdd(a, k.InvPi, magic);
        var negQ = magic - t;
        var r = Vector512.FusedMultiplyAdd(negQ, k.Pi1, a);
        r = Vector512.FusedMultiplyAdd(negQ, k.Pi2, r);
        r = Vector512.FusedMultiplyAdd(negQ, k.Pi3, r);
        var x = r * r;
        var g = Vector512.FusedMultiplyAdd(k.G7, x, k.G6);
        g = Vector512.FusedMultiplyAdd(g, x, k.G5);
        g = Vector512.FusedMultiplyAdd(g, x, k.G4);
        g = Vector512.FusedMultiplyAdd(g, x, k.G3);
        g = Vector512.FusedMultiplyAdd(g, x, k.G2);
        g = Vector512.FusedMultiplyAdd(g, x, k.G1);
        g = Vector512.FusedMultiplyAdd(g, x, k.G0);
        var c = Vector512.FusedMultiplyAdd(x, g, k.One);
        return (c.AsUInt64() ^ (t.AsUInt64() << 63)).AsDouble();
    }

    /// <summary>The common path on 4 lanes; requires every |a| &lt;= <see cref="LargeArgument"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Core(Vector256<double> a) => Core(a, default(EmbeddedCosineLanes256));

    /// <summary>As <see cref="Core(Vector256{double})"/>, with the constants from <paramref name="k"/>: the same operations, so the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Core<TLanes>(Vector256<double> a, TLanes k)
        where TLanes : ICosineLanes<Vector256<double>>
    {
        var magic = k.RoundingMagic;
        var t = Vector256.FusedMultiplyAdd(a, k.InvPi, magic);
        var negQ = magic - t;
        var r = Vector256.FusedMultiplyAdd(negQ, k.Pi1, a);
        r = Vector256.FusedMultiplyAdd(negQ, k.Pi2, r);
        r = Vector256.FusedMultiplyAdd(negQ, k.Pi3, r);
        var x = r * r;
        var g = Vector256.FusedMultiplyAdd(k.G7, x, k.G6);
        g = Vector256.FusedMultiplyAdd(g, x, k.G5);
        g = Vector256.FusedMultiplyAdd(g, x, k.G4);
        g = Vector256.FusedMultiplyAdd(g, x, k.G3);
        g = Vector256.FusedMultiplyAdd(g, x, k.G2);
        g = Vector256.FusedMultiplyAdd(g, x, k.G1);
        g = Vector256.FusedMultiplyAdd(g, x, k.G0);
        var c = Vector256.FusedMultiplyAdd(x, g, k.One);
        return (c.AsUInt64() ^ (t.AsUInt64() << 63)).AsDouble();
    }

    /// <summary>Pre-reduces exactly the lanes <see cref="NeedsLargeReduction"/> selects.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> ReduceLargeLanes(Vector512<double> a)
        => Vector512.LessThanOrEqualAll(Vector512.Abs(a), Vector512.Create(LargeArgument)) ? a : ReduceLanesSlow(a);

    /// <summary>Pre-reduces exactly the lanes <see cref="NeedsLargeReduction"/> selects.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> ReduceLargeLanes(Vector256<double> a)
        => Vector256.LessThanOrEqualAll(Vector256.Abs(a), Vector256.Create(LargeArgument)) ? a : ReduceLanesSlow(a);

    // Kept out of line: it is rarely taken and its stack buffer would burden the hot loop.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<double> ReduceLanesSlow(Vector512<double> a)
    {
        Span<double> lanes = stackalloc double[Vector512<double>.Count];
        a.CopyTo(lanes);
        ReduceInPlace(lanes);
        return Vector512.Create<double>(lanes);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<double> ReduceLanesSlow(Vector256<double> a)
    {
        Span<double> lanes = stackalloc double[Vector256<double>.Count];
        a.CopyTo(lanes);
        ReduceInPlace(lanes);
        return Vector256.Create<double>(lanes);
    }

    private static void ReduceInPlace(Span<double> lanes)
    {
        for (int l = 0; l < lanes.Length; l++)
        {
            if (NeedsLargeReduction(lanes[l]))
            {
                lanes[l] = ReduceLarge(lanes[l]);
            }
        }
    }
}
