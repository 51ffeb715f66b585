using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sweep.Physics.Kernel;

/// <summary>
/// The kernel's one rule against subnormal slow paths: after every multiplication of a running
/// product, a magnitude below 2^-500 becomes exactly +0. A product of two flushed values is then
/// at least 2^-1000, and a flushed value times a cosine factor (never below ~2^-110 unless exactly
/// 0) is normal too, so no operation ever sees or makes a subnormal, and P^2 stays normal. Such
/// values are physically zero: 2^-500 is about 3e-151.
/// </summary>
internal static class UnderflowFlush
{
    /// <summary>2^-500.</summary>
    internal const double Threshold = 3.054936363499604682051979393213617699789e-151;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Apply(double x) => Math.Abs(x) >= Threshold ? x : 0.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> Apply(Vector512<double> x)
        => Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(Vector512.Abs(x), Vector512.Create(Threshold)), x, Vector512<double>.Zero);

    /// <summary>
    /// As <see cref="Apply(Vector512{double})"/> with the threshold and the sign bit (-0.0 in
    /// every lane) supplied, so that a kernel can keep them in memory of its choosing
    /// (<see cref="TimeLaneKernel"/>). Clearing the sign bit is Abs, bit for bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> Apply(Vector512<double> x, Vector512<double> threshold, Vector512<double> signBit)
        => Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(Vector512.AndNot(x, signBit), threshold), x, Vector512<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Apply(Vector256<double> x)
        => x & Vector256.GreaterThanOrEqual(Vector256.Abs(x), Vector256.Create(Threshold));

    /// <summary>As <see cref="Apply(Vector256{double})"/> with the threshold and the sign bit supplied, as the 8-lane overload.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Apply(Vector256<double> x, Vector256<double> threshold, Vector256<double> signBit)
        => x & Vector256.GreaterThanOrEqual(Vector256.AndNot(x, signBit), threshold);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<double> Apply(Vector128<double> x)
        => x & Vector128.GreaterThanOrEqual(Vector128.Abs(x), Vector128.Create(Threshold));

    /// <summary>
    /// values[i] = Apply(values[i] * factor) for every i, in lanes where the path has them: one
    /// multiplication and one flush per value, so the bits do not depend on the path.
    /// </summary>
    internal static void ApplyScaled(KernelPath path, Span<double> values, double factor)
    {
        int i = 0;
        ref double v = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values);
        if (path == KernelPath.Avx512)
        {
            var f = Vector512.Create(factor);
            for (; i + Vector512<double>.Count <= values.Length; i += Vector512<double>.Count)
            {
                Apply(Vector512.LoadUnsafe(ref v, (nuint)i) * f).StoreUnsafe(ref v, (nuint)i);
            }
        }
        else if (path == KernelPath.Avx2)
        {
            var f = Vector256.Create(factor);
            for (; i + Vector256<double>.Count <= values.Length; i += Vector256<double>.Count)
            {
                Apply(Vector256.LoadUnsafe(ref v, (nuint)i) * f).StoreUnsafe(ref v, (nuint)i);
            }
        }

        for (; i < values.Length; i++)
        {
            values[i] = Apply(values[i] * factor);
        }
    }
}
