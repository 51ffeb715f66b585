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
    /// <returns>
    /// Whether any spin's |P| * (err + <paramref name="dropped"/>) exceeds <paramref name="budget"/>
    /// (those spins need their exact product); the test the caller would make spin by spin, made
    /// in the pass while P and err are in registers.
    /// </returns>
    internal static bool Run(KernelPath path, ReadOnlySpan<double> sums, int stride, int count, ReadOnlySpan<double> a, double boundFactor, ReadOnlySpan<double> nearProduct, Span<double> p, Span<double> bound, double dropped, double budget)
        => path switch
        {
            KernelPath.Avx512 => Run512(sums, stride, count, a, boundFactor, nearProduct, p, bound, dropped, budget),
            KernelPath.Avx2 => Run256(sums, stride, count, a, boundFactor, nearProduct, p, bound, dropped, budget),
            _ => RunScalar(sums, stride, count, a, boundFactor, nearProduct, p, bound, dropped, budget),
        };

    /// <summary>The budget test of one spin, as <see cref="Run"/> makes it.</summary>
    internal static bool OverBudget(double p, double bound, double dropped, double budget) => Math.Abs(p) * (bound + dropped) > budget;

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

    private static bool RunScalar(ReadOnlySpan<double> sums, int stride, int count, ReadOnlySpan<double> a, double boundFactor, ReadOnlySpan<double> nearProduct, Span<double> p, Span<double> bound, double dropped, double budget)
    {
        int terms = a.Length;
        bool over = false;
        for (int i = 0; i < count; i++)
        {
            double l = 0.0;
            for (int n = terms - 1; n >= 0; n--)
            {
                l = Math.FusedMultiplyAdd(a[n], sums[(n * stride) + i], l);
            }

            p[i] = UnderflowFlush.Apply(nearProduct[i] * FlushedExp.Apply(l));
            bound[i] = boundFactor * sums[(terms * stride) + i];
            over |= OverBudget(p[i], bound[i], dropped, budget);
        }

        return over;
    }

    // Two vectors of spins per pass (here and in Run256): each spin's chain of fused multiply-adds
    // and its exp are dependent operations, and a second, independent chain keeps the core busy
    // while the first waits (0.68 to 0.76 of the time per tau at 24 to 304 spins on AVX2).
    private static bool Run512(ReadOnlySpan<double> sums, int stride, int count, ReadOnlySpan<double> a, double boundFactor, ReadOnlySpan<double> nearProduct, Span<double> p, Span<double> bound, double dropped, double budget)
    {
        const int Lanes = 8;
        int terms = a.Length;
        ref double s = ref Unsafe.AsRef(in sums[0]);
        ref double near = ref Unsafe.AsRef(in nearProduct[0]);
        ref double product = ref p[0];
        ref double b = ref bound[0];
        var boundV = Vector512.Create(boundFactor);
        var droppedV = Vector512.Create(dropped);
        var budgetV = Vector512.Create(budget);
        var over = Vector512<double>.Zero;
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
            var p0 = UnderflowFlush.Apply(Vector512.LoadUnsafe(ref near, (nuint)i) * e0);
            var p1 = UnderflowFlush.Apply(Vector512.LoadUnsafe(ref near, (nuint)(i + Lanes)) * e1);
            var b0 = boundV * Vector512.LoadUnsafe(ref s, (nuint)((terms * stride) + i));
            var b1 = boundV * Vector512.LoadUnsafe(ref s, (nuint)((terms * stride) + i + Lanes));
            p0.StoreUnsafe(ref product, (nuint)i);
            p1.StoreUnsafe(ref product, (nuint)(i + Lanes));
            b0.StoreUnsafe(ref b, (nuint)i);
            b1.StoreUnsafe(ref b, (nuint)(i + Lanes));
            over |= Vector512.GreaterThan(Vector512.Abs(p0) * (b0 + droppedV), budgetV) | Vector512.GreaterThan(Vector512.Abs(p1) * (b1 + droppedV), budgetV);
        }

        for (; i < count; i += Lanes)
        {
            var l = Vector512<double>.Zero;
            for (int n = terms - 1; n >= 0; n--)
            {
                l = Vector512.FusedMultiplyAdd(Vector512.Create(a[n]), Vector512.LoadUnsafe(ref s, (nuint)((n * stride) + i)), l);
            }

            var pl = UnderflowFlush.Apply(Vector512.LoadUnsafe(ref near, (nuint)i) * FlushedExp.Apply(l));
            var bl = boundV * Vector512.LoadUnsafe(ref s, (nuint)((terms * stride) + i));
            pl.StoreUnsafe(ref product, (nuint)i);
            bl.StoreUnsafe(ref b, (nuint)i);
            over |= Vector512.GreaterThan(Vector512.Abs(pl) * (bl + droppedV), budgetV);
        }

        return over != Vector512<double>.Zero;
    }

    private static bool Run256(ReadOnlySpan<double> sums, int stride, int count, ReadOnlySpan<double> a, double boundFactor, ReadOnlySpan<double> nearProduct, Span<double> p, Span<double> bound, double dropped, double budget)
    {
        const int Lanes = 4;
        int terms = a.Length;
        ref double s = ref Unsafe.AsRef(in sums[0]);
        ref double near = ref Unsafe.AsRef(in nearProduct[0]);
        ref double product = ref p[0];
        ref double b = ref bound[0];
        var boundV = Vector256.Create(boundFactor);
        var droppedV = Vector256.Create(dropped);
        var budgetV = Vector256.Create(budget);
        var over = Vector256<double>.Zero;
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
            var p0 = UnderflowFlush.Apply(Vector256.LoadUnsafe(ref near, (nuint)i) * e0);
            var p1 = UnderflowFlush.Apply(Vector256.LoadUnsafe(ref near, (nuint)(i + Lanes)) * e1);
            var b0 = boundV * Vector256.LoadUnsafe(ref s, (nuint)((terms * stride) + i));
            var b1 = boundV * Vector256.LoadUnsafe(ref s, (nuint)((terms * stride) + i + Lanes));
            p0.StoreUnsafe(ref product, (nuint)i);
            p1.StoreUnsafe(ref product, (nuint)(i + Lanes));
            b0.StoreUnsafe(ref b, (nuint)i);
            b1.StoreUnsafe(ref b, (nuint)(i + Lanes));
            over |= Vector256.GreaterThan(Vector256.Abs(p0) * (b0 + droppedV), budgetV) | Vector256.GreaterThan(Vector256.Abs(p1) * (b1 + droppedV), budgetV);
        }

        for (; i < count; i += Lanes)
        {
            var l = Vector256<double>.Zero;
            for (int n = terms - 1; n >= 0; n--)
            {
                l = Vector256.FusedMultiplyAdd(Vector256.Create(a[n]), Vector256.LoadUnsafe(ref s, (nuint)((n * stride) + i)), l);
            }

            var pl = UnderflowFlush.Apply(Vector256.LoadUnsafe(ref near, (nuint)i) * FlushedExp.Apply(l));
            var bl = boundV * Vector256.LoadUnsafe(ref s, (nuint)((terms * stride) + i));
            pl.StoreUnsafe(ref product, (nuint)i);
            bl.StoreUnsafe(ref b, (nuint)i);
            over |= Vector256.GreaterThan(Vector256.Abs(pl) * (bl + droppedV), budgetV);
        }

        return over != Vector256<double>.Zero;
    }
}
