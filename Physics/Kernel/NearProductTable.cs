using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sweep.Physics.Kernel;

/// <summary>
/// The accelerated kernel's near products of every spin at every tau of a window at once: for
/// each step m of the descending tau list, the product of cos(v tau_m) over the spin's couplings v
/// that are still near at that step, multiplied in ascending v from 1.0 with the kernel's
/// underflow flush after every factor. These are the operations, in the order, that a product
/// taken one tau at a time performs (<see cref="PeriodicCosine.Cos"/> per factor), so the bits are
/// the same; the cosines run in vector lanes across the steps instead of one at a time (about one
/// near factor per spin and tau, so lanes across a spin's couplings would stay empty), and once
/// per pair (<see cref="FillPairs"/>), as both of its spins multiply by the same factor. The
/// kernel fills a window of steps at a time, so the tables stay (N + near pairs) x 64 doubles
/// whatever the number of time points.
/// </summary>
internal static class NearProductTable
{
    /// <summary>The lanes a table row is filled in: <see cref="MultiplyColumn"/> reads a pair's row in chunks of this many steps.</summary>
    internal const int Chunk = 8;

    /// <summary>
    /// The cosines of every pair still near in a window of steps, once per pair (both of its
    /// spins multiply by the same factor): table[p * window + j] = cos(values[p] tau[firstStep + j])
    /// for the steps j &lt; ends[p] - firstStep of the window, and 1.0 from there to the end of
    /// that chunk of <see cref="Chunk"/> steps. Rows of pairs far by the window's first step are
    /// not written. <paramref name="window"/> is a multiple of <see cref="Chunk"/>;
    /// <paramref name="tau"/> is padded with zeros to at least firstStep + window.
    /// </summary>
    internal static void FillPairs(KernelPath path, ReadOnlySpan<double> values, ReadOnlySpan<int> ends, ReadOnlySpan<double> tau, int firstStep, int window, Span<double> table)
    {
        ReadOnlySpan<double> steps = tau.Slice(firstStep, window);
        for (int p = 0; p < values.Length; p++)
        {
            int end = Math.Min(ends[p] - firstStep, window);
            if (end <= 0)
            {
                continue;
            }

            Span<double> row = table.Slice(p * window, window);
            switch (path)
            {
                case KernelPath.Avx512:
                    Cosines512(values[p], steps, end, row);
                    break;
                case KernelPath.Avx2:
                    Cosines256(values[p], steps, end, row);
                    break;
                default:
                    CosinesScalar(values[p], steps, end, row);
                    break;
            }
        }
    }

    /// <summary>
    /// A spin's near product at step <paramref name="firstStep"/> + j of a window, for j &lt;
    /// <paramref name="steps"/>, into products[j * stride]: from 1.0, times the factor of each of
    /// its couplings still near there, in the list's ascending order, with the flush after every
    /// factor (the operations and order of a product taken one tau at a time, so the same bits).
    /// Only the chunks of <see cref="Chunk"/> steps where some coupling is near are written; the
    /// caller sets the rest to 1.0, the product of no factor. <paramref name="pairs"/> and
    /// <paramref name="ends"/> are the spin's pair numbers and turn steps (ascending, as its
    /// couplings); <paramref name="table"/> is <see cref="FillPairs"/>' for this window of
    /// <paramref name="steps"/> steps.
    /// </summary>
    internal static void MultiplyColumn(KernelPath path, ReadOnlySpan<int> pairs, ReadOnlySpan<int> ends, ReadOnlySpan<double> table, int firstStep, int steps, Span<double> products, int stride)
    {
        int first = 0;
        for (int chunk = 0; chunk < steps; chunk += Chunk)
        {
            // The couplings that are factors somewhere in this chunk are a tail of the list: a
            // smaller coupling turns far no later than a larger one.
            while (first < ends.Length && ends[first] - firstStep <= chunk)
            {
                first++;
            }

            if (first == ends.Length)
            {
                return;
            }

            ReadOnlySpan<int> near = pairs[first..];
            switch (path)
            {
                case KernelPath.Avx512:
                    Chunk512(near, table, steps, chunk, products, stride);
                    break;
                case KernelPath.Avx2:
                    Chunk256(near, table, steps, chunk, products, stride);
                    break;
                default:
                    ChunkScalar(near, table, steps, chunk, products, stride);
                    break;
            }
        }
    }

    private static void CosinesScalar(double v, ReadOnlySpan<double> tau, int end, Span<double> row)
    {
        int m = 0;
        for (; m < end; m++)
        {
            row[m] = PeriodicCosine.Cos(v * tau[m]);
        }

        for (; m % Chunk != 0; m++)
        {
            row[m] = 1.0;
        }
    }

    private static void Cosines512(double v, ReadOnlySpan<double> tau, int end, Span<double> row)
    {
        const int Lanes = 8;
        ref double t = ref Unsafe.AsRef(in tau[0]);
        ref double r = ref row[0];
        var coupling = Vector512.Create(v);
        var lane = Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7);
        for (int m = 0; m < end; m += Lanes)
        {
            var c = PeriodicCosine.Core(PeriodicCosine.ReduceLargeLanes(coupling * Vector512.LoadUnsafe(ref t, (nuint)m)));
            if (end - m < Lanes)
            {
                // Steps past the coupling's range get the factor 1, which leaves a product's bits as they are.
                c = Vector512.ConditionalSelect(Vector512.LessThan(lane, Vector512.Create((long)(end - m))).AsDouble(), c, Vector512<double>.One);
            }

            c.StoreUnsafe(ref r, (nuint)m);
        }
    }

    private static void Cosines256(double v, ReadOnlySpan<double> tau, int end, Span<double> row)
    {
        const int Lanes = 4;
        ref double t = ref Unsafe.AsRef(in tau[0]);
        ref double r = ref row[0];
        var coupling = Vector256.Create(v);
        var lane = Vector256.Create(0L, 1, 2, 3);
        int chunkEnd = (end + Chunk - 1) / Chunk * Chunk;
        for (int m = 0; m < chunkEnd; m += Lanes)
        {
            var c = PeriodicCosine.Core(PeriodicCosine.ReduceLargeLanes(coupling * Vector256.LoadUnsafe(ref t, (nuint)m)));
            if (end - m < Lanes)
            {
                c = Vector256.ConditionalSelect(Vector256.LessThan(lane, Vector256.Create((long)(end - m))).AsDouble(), c, Vector256<double>.One);
            }

            c.StoreUnsafe(ref r, (nuint)m);
        }
    }

    private static void ChunkScalar(ReadOnlySpan<int> pairs, ReadOnlySpan<double> table, int window, int chunk, Span<double> products, int stride)
    {
        for (int j = chunk; j < chunk + Chunk; j++)
        {
            double product = 1.0;
            foreach (int p in pairs)
            {
                product = UnderflowFlush.Apply(product * table[(p * window) + j]);
            }

            products[j * stride] = product;
        }
    }

    private static void Chunk512(ReadOnlySpan<int> pairs, ReadOnlySpan<double> table, int window, int chunk, Span<double> products, int stride)
    {
        ref double t = ref MemoryMarshal.GetReference(table);
        var product = Vector512<double>.One;
        foreach (int p in pairs)
        {
            product = UnderflowFlush.Apply(product * Vector512.LoadUnsafe(ref t, (nuint)((p * window) + chunk)));
        }

        Scatter(product.GetLower(), products, chunk, stride);
        Scatter(product.GetUpper(), products, chunk + 4, stride);
    }

    private static void Chunk256(ReadOnlySpan<int> pairs, ReadOnlySpan<double> table, int window, int chunk, Span<double> products, int stride)
    {
        ref double t = ref MemoryMarshal.GetReference(table);
        var low = Vector256<double>.One;
        var high = Vector256<double>.One;
        foreach (int p in pairs)
        {
            low = UnderflowFlush.Apply(low * Vector256.LoadUnsafe(ref t, (nuint)((p * window) + chunk)));
            high = UnderflowFlush.Apply(high * Vector256.LoadUnsafe(ref t, (nuint)((p * window) + chunk + 4)));
        }

        Scatter(low, products, chunk, stride);
        Scatter(high, products, chunk + 4, stride);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scatter(Vector256<double> values, Span<double> products, int step, int stride)
    {
        ref double to = ref MemoryMarshal.GetReference(products);
        Unsafe.Add(ref to, step * stride) = values.GetElement(0);
        Unsafe.Add(ref to, (step + 1) * stride) = values.GetElement(1);
        Unsafe.Add(ref to, (step + 2) * stride) = values.GetElement(2);
        Unsafe.Add(ref to, (step + 3) * stride) = values.GetElement(3);
    }
}
