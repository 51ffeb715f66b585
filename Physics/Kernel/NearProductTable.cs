using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sweep.Physics.Kernel;

/// <summary>
/// The accelerated kernel's near products of one spin at every tau at once: for each step m of
/// the descending tau list, the product of cos(v tau_m) over the spin's couplings v that are still
/// near at that step, multiplied in ascending v from 1.0 with the kernel's underflow flush after
/// every factor. These are the operations, in the order, that a product taken one tau at a time
/// performs (<see cref="PeriodicCosine.Cos"/> per factor), so the bits are the same; the cosines
/// run in vector lanes across the steps instead of one at a time (about one near factor per spin
/// and tau, so lanes across a spin's couplings would stay empty). The kernel fills a window of
/// steps at a time, so the table stays N x 64 doubles whatever the number of time points.
/// </summary>
internal static class NearProductTable
{
    /// <summary>
    /// The step at which each coupling of <paramref name="near"/> (ascending) turns far, into
    /// <paramref name="ends"/> (<paramref name="steps"/> for one that never does): at step m the
    /// couplings that turn far are the smallest still near with v |tau_m| &lt;= <paramref name="farLimit"/>,
    /// as the kernel advances its far set, so coupling e is a factor at steps [0, ends[e]).
    /// <paramref name="tau"/> holds the signed taus, descending |tau|, none zero.
    /// </summary>
    internal static void TurnSteps(ReadOnlySpan<double> near, ReadOnlySpan<double> tau, int steps, double farLimit, Span<int> ends)
    {
        int first = 0;
        for (int m = 0; m < steps && first < near.Length; m++)
        {
            double tauAbs = Math.Abs(tau[m]);
            while (first < near.Length && near[first] * tauAbs <= farLimit)
            {
                ends[first++] = m;
            }
        }

        for (int e = first; e < near.Length; e++)
        {
            ends[e] = steps;
        }
    }

    /// <summary>
    /// row[j] = the spin's near product at step <paramref name="firstStep"/> + j, for a window of
    /// row.Length steps (a multiple of 8; steps past the last give 1.0). <paramref name="ends"/>
    /// are the couplings' <see cref="TurnSteps"/>; <paramref name="tau"/> is padded with zeros to
    /// at least firstStep + row.Length.
    /// </summary>
    internal static void FillRow(KernelPath path, ReadOnlySpan<double> near, ReadOnlySpan<int> ends, ReadOnlySpan<double> tau, int firstStep, Span<double> row)
    {
        row.Fill(1.0);
        ReadOnlySpan<double> window = tau.Slice(firstStep, row.Length);
        for (int e = 0; e < near.Length; e++)
        {
            int end = Math.Min(ends[e] - firstStep, row.Length);
            if (end <= 0)
            {
                continue;
            }

            switch (path)
            {
                case KernelPath.Avx512:
                    Multiply512(near[e], window, end, row);
                    break;
                case KernelPath.Avx2:
                    Multiply256(near[e], window, end, row);
                    break;
                default:
                    MultiplyScalar(near[e], window, end, row);
                    break;
            }
        }
    }

    private static void MultiplyScalar(double v, ReadOnlySpan<double> tau, int end, Span<double> row)
    {
        for (int m = 0; m < end; m++)
        {
            row[m] = UnderflowFlush.Apply(row[m] * PeriodicCosine.Cos(v * tau[m]));
        }
    }

    private static void Multiply512(double v, ReadOnlySpan<double> tau, int end, Span<double> row)
    {
        const int Lanes = 8;
        ref double t = ref Unsafe.AsRef(in tau[0]);
        ref double r = ref row[0];
        var coupling = Vector512.Create(v);
        var lane = Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7);
        for (int m = 0; m < end; m += Lanes)
        {
            var old = Vector512.LoadUnsafe(ref r, (nuint)m);
            var c = PeriodicCosine.Core(PeriodicCosine.ReduceLargeLanes(coupling * Vector512.LoadUnsafe(ref t, (nuint)m)));
            var product = UnderflowFlush.Apply(old * c);
            if (end - m < Lanes)
            {
                // Steps past the coupling's range keep their product.
                product = Vector512.ConditionalSelect(Vector512.LessThan(lane, Vector512.Create((long)(end - m))).AsDouble(), product, old);
            }

            product.StoreUnsafe(ref r, (nuint)m);
        }
    }

    private static void Multiply256(double v, ReadOnlySpan<double> tau, int end, Span<double> row)
    {
        const int Lanes = 4;
        ref double t = ref Unsafe.AsRef(in tau[0]);
        ref double r = ref row[0];
        var coupling = Vector256.Create(v);
        var lane = Vector256.Create(0L, 1, 2, 3);
        for (int m = 0; m < end; m += Lanes)
        {
            var old = Vector256.LoadUnsafe(ref r, (nuint)m);
            var c = PeriodicCosine.Core(PeriodicCosine.ReduceLargeLanes(coupling * Vector256.LoadUnsafe(ref t, (nuint)m)));
            var product = UnderflowFlush.Apply(old * c);
            if (end - m < Lanes)
            {
                product = Vector256.ConditionalSelect(Vector256.LessThan(lane, Vector256.Create((long)(end - m))).AsDouble(), product, old);
            }

            product.StoreUnsafe(ref r, (nuint)m);
        }
    }
}
