using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sweep.Physics.Kernel;

/// <summary>
/// The accelerated kernel's per-tau step over all spins at once: for each spin,
/// L = sum_{n=1}^{M} a_n V_n (fused multiply-adds from n = M down to 1, starting from 0),
/// P = flush(near product * exp(L)) and the truncation bound err = b * V_(M+1). Every spin runs the
/// same operation sequence, so the scalar and vector paths give the same bits.
/// </summary>
internal static class FarSeriesKernel
{
    /// <summary>
    /// Spins 0 .. <paramref name="count"/> - 1, count a multiple of 8. Power sum n of spin i is
    /// sums[(n - 1) * stride + i]; <paramref name="a"/> holds a_1 .. a_M, and V_(M+1) is the bound's.
    /// </summary>
    internal static void Run(KernelPath path, ReadOnlySpan<double> sums, int stride, int count, ReadOnlySpan<double> a, double boundFactor, ReadOnlySpan<double> nearProduct, Span<double> p, Span<double> bound)
    {
        switch (path)
        {
            case KernelPath.Avx512:
                Run512(sums, stride, count, a, boundFactor, nearProduct, p, bound);
                break;
            case KernelPath.Avx2:
                Run256(sums, stride, count, a, boundFactor, nearProduct, p, bound);
                break;
            default:
                RunScalar(sums, stride, count, a, boundFactor, nearProduct, p, bound);
                break;
        }
    }

    /// <summary>
    /// One spin of <see cref="Run"/> (any path gives these bits): P and the truncation bound of
    /// spin <paramref name="i"/>.
    /// </summary>
    internal static (double P, double Bound) Spin(ReadOnlySpan<double> sums, int stride, int i, ReadOnlySpan<double> a, double boundFactor, double nearProduct)
    {
        int terms = a.Length;
        double l = 0.0;
        for (int n = terms - 1; n >= 0; n--)
        {
            l = Math.FusedMultiplyAdd(a[n], sums[(n * stride) + i], l);
        }

        return (UnderflowFlush.Apply(nearProduct * FlushedExp.Apply(l)), boundFactor * sums[(terms * stride) + i]);
    }

    private static void RunScalar(ReadOnlySpan<double> sums, int stride, int count, ReadOnlySpan<double> a, double boundFactor, ReadOnlySpan<double> nearProduct, Span<double> p, Span<double> bound)
    {
        int terms = a.Length;
        for (int i = 0; i < count; i++)
        {
            double l = 0.0;
            for (int n = terms - 1; n >= 0; n--)
            {
                l = Math.FusedMultiplyAdd(a[n], sums[(n * stride) + i], l);
            }

            p[i] = UnderflowFlush.Apply(nearProduct[i] * FlushedExp.Apply(l));
            bound[i] = boundFactor * sums[(terms * stride) + i];
        }
    }

    // Two vectors of spins per pass (here and in Run256): each spin's chain of fused multiply-adds
    // and its exp are dependent operations, and a second, independent chain keeps the core busy
    // while the first waits (0.68 to 0.76 of the time per tau at 24 to 304 spins on AVX2).
    private static void Run512(ReadOnlySpan<double> sums, int stride, int count, ReadOnlySpan<double> a, double boundFactor, ReadOnlySpan<double> nearProduct, Span<double> p, Span<double> bound)
    {
        const int Lanes = 8;
        int terms = a.Length;
        ref double s = ref Unsafe.AsRef(in sums[0]);
        ref double near = ref Unsafe.AsRef(in nearProduct[0]);
        ref double product = ref p[0];
        ref double b = ref bound[0];
        var boundV = Vector512.Create(boundFactor);
        int i = 0;
        for (; i + (2 * Lanes) <= count; i += 2 * Lanes)
        {
            var l0 = Vector512<double>.Zero;
            var l1 = Vector512<double>.Zero;
            for (int n = terms - 1; n >= 0; n--)
            {
                var an = Vector512.Create(a[n]);
                l0 = Vector512.FusedMultiplyAdd(an, Vector512.LoadUnsafe(ref s, (nuint)((n * stride) + i)), l0);
                l1 = Vector512.FusedMultiplyAdd(an, Vector512.LoadUnsafe(ref s, (nuint)((n * stride) + i + Lanes)), l1);
            }

            var e0 = FlushedExp.Apply(l0);
            var e1 = FlushedExp.Apply(l1);
            UnderflowFlush.Apply(Vector512.LoadUnsafe(ref near, (nuint)i) * e0).StoreUnsafe(ref product, (nuint)i);
            UnderflowFlush.Apply(Vector512.LoadUnsafe(ref near, (nuint)(i + Lanes)) * e1).StoreUnsafe(ref product, (nuint)(i + Lanes));
            (boundV * Vector512.LoadUnsafe(ref s, (nuint)((terms * stride) + i))).StoreUnsafe(ref b, (nuint)i);
            (boundV * Vector512.LoadUnsafe(ref s, (nuint)((terms * stride) + i + Lanes))).StoreUnsafe(ref b, (nuint)(i + Lanes));
        }

        for (; i < count; i += Lanes)
        {
            var l = Vector512<double>.Zero;
            for (int n = terms - 1; n >= 0; n--)
            {
                l = Vector512.FusedMultiplyAdd(Vector512.Create(a[n]), Vector512.LoadUnsafe(ref s, (nuint)((n * stride) + i)), l);
            }

            UnderflowFlush.Apply(Vector512.LoadUnsafe(ref near, (nuint)i) * FlushedExp.Apply(l)).StoreUnsafe(ref product, (nuint)i);
            (boundV * Vector512.LoadUnsafe(ref s, (nuint)((terms * stride) + i))).StoreUnsafe(ref b, (nuint)i);
        }
    }

    private static void Run256(ReadOnlySpan<double> sums, int stride, int count, ReadOnlySpan<double> a, double boundFactor, ReadOnlySpan<double> nearProduct, Span<double> p, Span<double> bound)
    {
        const int Lanes = 4;
        int terms = a.Length;
        ref double s = ref Unsafe.AsRef(in sums[0]);
        ref double near = ref Unsafe.AsRef(in nearProduct[0]);
        ref double product = ref p[0];
        ref double b = ref bound[0];
        var boundV = Vector256.Create(boundFactor);
        int i = 0;
        for (; i + (2 * Lanes) <= count; i += 2 * Lanes)
        {
            var l0 = Vector256<double>.Zero;
            var l1 = Vector256<double>.Zero;
            for (int n = terms - 1; n >= 0; n--)
            {
                var an = Vector256.Create(a[n]);
                l0 = Vector256.FusedMultiplyAdd(an, Vector256.LoadUnsafe(ref s, (nuint)((n * stride) + i)), l0);
                l1 = Vector256.FusedMultiplyAdd(an, Vector256.LoadUnsafe(ref s, (nuint)((n * stride) + i + Lanes)), l1);
            }

            var e0 = FlushedExp.Apply(l0);
            var e1 = FlushedExp.Apply(l1);
            UnderflowFlush.Apply(Vector256.LoadUnsafe(ref near, (nuint)i) * e0).StoreUnsafe(ref product, (nuint)i);
            UnderflowFlush.Apply(Vector256.LoadUnsafe(ref near, (nuint)(i + Lanes)) * e1).StoreUnsafe(ref product, (nuint)(i + Lanes));
            (boundV * Vector256.LoadUnsafe(ref s, (nuint)((terms * stride) + i))).StoreUnsafe(ref b, (nuint)i);
            (boundV * Vector256.LoadUnsafe(ref s, (nuint)((terms * stride) + i + Lanes))).StoreUnsafe(ref b, (nuint)(i + Lanes));
        }

        for (; i < count; i += Lanes)
        {
            var l = Vector256<double>.Zero;
            for (int n = terms - 1; n >= 0; n--)
            {
                l = Vector256.FusedMultiplyAdd(Vector256.Create(a[n]), Vector256.LoadUnsafe(ref s, (nuint)((n * stride) + i)), l);
            }

            UnderflowFlush.Apply(Vector256.LoadUnsafe(ref near, (nuint)i) * FlushedExp.Apply(l)).StoreUnsafe(ref product, (nuint)i);
            (boundV * Vector256.LoadUnsafe(ref s, (nuint)((terms * stride) + i))).StoreUnsafe(ref b, (nuint)i);
        }
    }
}
