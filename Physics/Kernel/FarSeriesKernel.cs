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

    private static void Run512(ReadOnlySpan<double> sums, int stride, int count, ReadOnlySpan<double> a, double boundFactor, ReadOnlySpan<double> nearProduct, Span<double> p, Span<double> bound)
    {
        int terms = a.Length;
        ref double s = ref Unsafe.AsRef(in sums[0]);
        var boundV = Vector512.Create(boundFactor);
        for (int i = 0; i < count; i += Vector512<double>.Count)
        {
            var l = Vector512<double>.Zero;
            for (int n = terms - 1; n >= 0; n--)
            {
                l = Vector512.FusedMultiplyAdd(Vector512.Create(a[n]), Vector512.LoadUnsafe(ref s, (nuint)((n * stride) + i)), l);
            }

            var e = FlushedExp.Apply(l);
            UnderflowFlush.Apply(Vector512.Create(nearProduct.Slice(i, Vector512<double>.Count)) * e).CopyTo(p.Slice(i));
            (boundV * Vector512.LoadUnsafe(ref s, (nuint)((terms * stride) + i))).CopyTo(bound.Slice(i));
        }
    }

    private static void Run256(ReadOnlySpan<double> sums, int stride, int count, ReadOnlySpan<double> a, double boundFactor, ReadOnlySpan<double> nearProduct, Span<double> p, Span<double> bound)
    {
        int terms = a.Length;
        ref double s = ref Unsafe.AsRef(in sums[0]);
        var boundV = Vector256.Create(boundFactor);
        for (int i = 0; i < count; i += Vector256<double>.Count)
        {
            var l = Vector256<double>.Zero;
            for (int n = terms - 1; n >= 0; n--)
            {
                l = Vector256.FusedMultiplyAdd(Vector256.Create(a[n]), Vector256.LoadUnsafe(ref s, (nuint)((n * stride) + i)), l);
            }

            var e = FlushedExp.Apply(l);
            UnderflowFlush.Apply(Vector256.Create(nearProduct.Slice(i, Vector256<double>.Count)) * e).CopyTo(p.Slice(i));
            (boundV * Vector256.LoadUnsafe(ref s, (nuint)((terms * stride) + i))).CopyTo(bound.Slice(i));
        }
    }
}
