using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sweep.Physics.Ensemble;

/// <summary>
/// Integer-valued doubles to 64-bit integers, four lanes at a time, exactly, on any x64. Without
/// AVX-512 DQ the runtime converts a <see cref="Vector256{T}"/> of doubles to longs one lane at a
/// time in software, and the fixed-point add of an AVX2 machine spent about ten times its
/// AVX-512 time there (docs/PERFORMANCE.md, "Machines without AVX-512").
/// </summary>
internal static class ExactIntegerLanes
{
    // 2^52: adding it to x in [0, 2^52) puts x in the mantissa bits of a double of exponent 52.
    private static readonly Vector256<double> Unsigned = Vector256.Create(4503599627370496.0);

    // 1.5 x 2^52: the same for x in [-2^51, 2^51], which land in [2^52, 2^53] with the offset
    // in the mantissa bits (2^53 itself carries over into the exponent by the same difference).
    private static readonly Vector256<double> Signed = Vector256.Create(6755399441055744.0);

    /// <summary>True where the hardware converts directly; the bit path is taken elsewhere.</summary>
    internal static bool IsNative => Avx512DQ.VL.IsSupported;

    /// <summary>x, integer-valued in [0, 2^52), as longs.</summary>
    internal static Vector256<long> FromBelow2To52(Vector256<double> x)
        => IsNative ? Vector256.ConvertToInt64(x) : FromBelow2To52Bits(x);

    /// <summary>x, integer-valued in [-2^52, 2^52], as longs.</summary>
    internal static Vector256<long> FromWithin2To52(Vector256<double> x)
        => IsNative ? Vector256.ConvertToInt64(x) : FromWithin2To52Bits(x);

    /// <summary>The bit path of <see cref="FromBelow2To52"/>, on every machine (tests use it directly).</summary>
    internal static Vector256<long> FromBelow2To52Bits(Vector256<double> x)
        => (x + Unsigned).AsInt64() - Unsigned.AsInt64();

    /// <summary>
    /// The bit path of <see cref="FromWithin2To52"/>: x = 2q + r with q = floor(x / 2) in
    /// [-2^51, 2^51] and r in {0, 1}, both exact, each within the signed offset's range.
    /// </summary>
    internal static Vector256<long> FromWithin2To52Bits(Vector256<double> x)
    {
        var q = Vector256.Floor(x * 0.5);
        var r = x - (q + q);
        var qi = (q + Signed).AsInt64() - Signed.AsInt64();
        var ri = (r + Signed).AsInt64() - Signed.AsInt64();
        return (qi + qi) + ri;
    }
}
