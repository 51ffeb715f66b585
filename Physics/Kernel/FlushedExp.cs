using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sweep.Physics.Kernel;

/// <summary>
/// exp(L) for L &lt;= 0 with one fixed sequence of IEEE operations, so that the scalar, 256-bit and
/// 512-bit versions return the same bits (Math.Exp is the C runtime's and may differ between
/// machines). Results below 2^-500 become exactly 0, the <see cref="UnderflowFlush"/> rule.
/// <para>
/// Method: k = nearest integer to L / ln 2, r = L - k ln 2 with a two-part ln 2 (the high part has
/// 32 trailing zero bits, so k ln2_hi is exact), |r| &lt;= 0.347, exp(r) by its Taylor polynomial of
/// degree 13 (truncation below 5e-18), times 2^k built from the exponent bits. L is first clamped
/// to -700, where the result is far below the flush threshold, so 2^k is always a normal number.
/// </para>
/// </summary>
internal static class FlushedExp
{
    private const double Floor = -700.0;
    private const double RoundingMagic = 6755399441055744.0;
    private const double InvLn2 = 1.4426950408889634;
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;

    // 1/k! for k = 2 .. 13.
    private const double F2 = 0.5;
    private const double F3 = 0.16666666666666666;
    private const double F4 = 0.041666666666666664;
    private const double F5 = 0.008333333333333333;
    private const double F6 = 0.001388888888888889;
    private const double F7 = 1.984126984126984e-4;
    private const double F8 = 2.48015873015873e-5;
    private const double F9 = 2.7557319223985893e-6;
    private const double F10 = 2.755731922398589e-7;
    private const double F11 = 2.505210838544172e-8;
    private const double F12 = 2.08767569878681e-9;
    private const double F13 = 1.6059043836821613e-10;

    // Adding this to the bits of RoundingMagic + k gives the biased exponent k + 1023 in the low bits.
    private const ulong ExponentOffset = unchecked(1023UL - 0x4338000000000000UL);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Apply(double logValue)
    {
        double l = Math.Max(logValue, Floor);
        double t = Math.FusedMultiplyAdd(l, InvLn2, RoundingMagic);
        double negK = RoundingMagic - t;
        double r = Math.FusedMultiplyAdd(negK, Ln2Hi, l);
        r = Math.FusedMultiplyAdd(negK, Ln2Lo, r);
        double p = Math.FusedMultiplyAdd(F13, r, F12);
        p = Math.FusedMultiplyAdd(p, r, F11);
        p = Math.FusedMultiplyAdd(p, r, F10);
        p = Math.FusedMultiplyAdd(p, r, F9);
        p = Math.FusedMultiplyAdd(p, r, F8);
        p = Math.FusedMultiplyAdd(p, r, F7);
        p = Math.FusedMultiplyAdd(p, r, F6);
        p = Math.FusedMultiplyAdd(p, r, F5);
        p = Math.FusedMultiplyAdd(p, r, F4);
        p = Math.FusedMultiplyAdd(p, r, F3);
        p = Math.FusedMultiplyAdd(p, r, F2);
        p = Math.FusedMultiplyAdd(p, r, 1.0);
        p = Math.FusedMultiplyAdd(p, r, 1.0);
        double scale = BitConverter.UInt64BitsToDouble((BitConverter.DoubleToUInt64Bits(t) + ExponentOffset) << 52);
        return UnderflowFlush.Apply(p * scale);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> Apply(Vector512<double> logValue)
    {
        var l = Vector512.Max(logValue, Vector512.Create(Floor));
        var magic = Vector512.Create(RoundingMagic);
        var t = Vector512.FusedMultiplyAdd(l, Vector512.Create(InvLn2), magic);
        var negK = magic - t;
        var r = Vector512.FusedMultiplyAdd(negK, Vector512.Create(Ln2Hi), l);
        r = Vector512.FusedMultiplyAdd(negK, Vector512.Create(Ln2Lo), r);
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(F13), r, Vector512.Create(F12));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(F11));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(F10));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(F9));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(F8));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(F7));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(F6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(F5));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(F4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(F3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(F2));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<double>.One);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<double>.One);
        var scale = ((t.AsUInt64() + Vector512.Create(ExponentOffset)) << 52).AsDouble();
        return UnderflowFlush.Apply(p * scale);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Apply(Vector256<double> logValue)
    {
        var l = Vector256.Max(logValue, Vector256.Create(Floor));
        var magic = Vector256.Create(RoundingMagic);
        var t = Vector256.FusedMultiplyAdd(l, Vector256.Create(InvLn2), magic);
        var negK = magic - t;
        var r = Vector256.FusedMultiplyAdd(negK, Vector256.Create(Ln2Hi), l);
        r = Vector256.FusedMultiplyAdd(negK, Vector256.Create(Ln2Lo), r);
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(F13), r, Vector256.Create(F12));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(F11));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(F10));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(F9));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(F8));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(F7));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(F6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(F5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(F4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(F3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(F2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<double>.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<double>.One);
        var scale = ((t.AsUInt64() + Vector256.Create(ExponentOffset)) << 52).AsDouble();
        return UnderflowFlush.Apply(p * scale);
    }
}
