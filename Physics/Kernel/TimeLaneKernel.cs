using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Sweep.Physics.Couplings;

namespace Sweep.Physics.Kernel;

/// <summary>
/// The exact kernel for small systems, with its vector lanes across times instead of across a
/// row's partners. A row of a few spins fills one padded vector mostly with zeros, and the row
/// kernel pays a call and a horizontal product for every (spin, time): at N = 2 that was about
/// 20 us of a 1D realization's 25 us, for 200 useful cosines. Here every lane is a time of the
/// grid, so no lane is padding.
/// </summary>
/// <remarks>
/// The bits are those of the row kernel, on every path: each lane performs the same operations
/// in the same order. A spin's own product is kept in eight accumulators, partner k + 1 + l of
/// spin k going to accumulator l mod 8 (the row kernel's lane l), reduced by the same tree
/// (<see cref="LaneProduct"/>); the later spins' products are multiplied by each factor as the
/// rows pass, in row order; the cosine is <see cref="PeriodicCosine"/>'s, with large arguments
/// reduced exactly as the row kernel's checked pass does (its unchecked pass sees only
/// arguments that need no reduction, so checking every lane changes nothing).
/// </remarks>
internal static class TimeLaneKernel
{
    /// <summary>
    /// Systems of at most this many spins use this kernel. A function of N alone, and either
    /// kernel gives the same bits; the crossover was measured in bench/Sweep.Bench
    /// (SmallSystemKernelBenchmark, docs/PERFORMANCE.md).
    /// </summary>
    internal const int MaxSpins = 16;

    private const int Accumulators = CouplingMatrix.RowPadding;

    private const int CacheLine = 64;

    internal static void Evaluate(CouplingMatrix couplings, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur, ReadOnlySpan<int> spins, Span<double> spinCurves, KernelPath path)
    {
        switch (path)
        {
            case KernelPath.Avx512:
                Run512(couplings, tau, mag, pur, spins, spinCurves);
                break;
            case KernelPath.Avx2:
                Run256(couplings, tau, mag, pur, spins, spinCurves);
                break;
            default:
                RunScalar(couplings, tau, mag, pur, spins, spinCurves);
                break;
        }
    }

    private static void Run512(CouplingMatrix couplings, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur, ReadOnlySpan<int> spins, Span<double> spinCurves)
    {
        int n = couplings.N;
        const int width = 8;

        // The products, the accumulators and a copy of the couplings in one cache-aligned stack
        // block of at most 4 kB (64 vectors at 16 spins), and the constants passed through it into
        // locals, which the JIT keeps in registers or spills to this frame instead of loading
        // them from its code's data. A load whose address matches an earlier store's in its low
        // 12 bits waits for that store (4K aliasing): with the constants in the JIT's data and the
        // products on the stack, whether they matched depended on where the code and the thread's
        // stack lay, and 1D N = 10 realizations took 18 us in some processes and 47 us in others
        // (docs/PERFORMANCE.md, "Small 1D realizations: one speed on every thread").
        ReadOnlySpan<double> couplingsFrom = couplings.PackedTwoJ;
        int rowVectors = (couplingsFrom.Length + width - 1) / width;
        int constants = StoredCosineLanes<Vector512<double>>.Count + 3;
        int total = n + Accumulators + constants + rowVectors;
        Span<Vector512<double>> block = CacheLineAligned<Vector512<double>>(stackalloc byte[(total * 64) + CacheLine], total);
        Span<Vector512<double>> p = block[..n];
        Span<Vector512<double>> acc = block.Slice(n, Accumulators);
        Span<Vector512<double>> stored = block.Slice(n + Accumulators, constants);
        StoredCosineLanes<Vector512<double>>.Fill<EmbeddedCosineLanes512>(stored);
        stored[^3] = Vector512.Create(UnderflowFlush.Threshold);
        stored[^2] = Vector512.Create(-0.0);
        stored[^1] = Vector512.Create(PeriodicCosine.LargeArgument);
        var cosine = new StoredCosineLanes<Vector512<double>>(stored);
        Vector512<double> threshold = stored[^3];
        Vector512<double> signBit = stored[^2];
        Vector512<double> large = stored[^1];
        Span<double> packed = MemoryMarshal.Cast<Vector512<double>, double>(block[(n + Accumulators + constants)..])[..couplingsFrom.Length];
        couplingsFrom.CopyTo(packed);
        Span<double> times = stackalloc double[width];
        Span<double> lanes = stackalloc double[width];
        for (int start = 0; start < tau.Length; start += width)
        {
            int count = Math.Min(width, tau.Length - start);

            // Times past the grid's end are 0: cos(0) = 1 leaves nothing to flush, and they are not stored.
            times.Clear();
            tau.Slice(start, count).CopyTo(times);
            var t = Vector512.Create<double>(times);
            p.Fill(Vector512<double>.One);
            for (int i = 0; i < n; i++)
            {
                acc.Fill(Vector512<double>.One);
                ReadOnlySpan<double> row = packed.Slice(couplings.RowOffset(i), n - 1 - i);
                for (int k = i + 1; k < n; k++)
                {
                    var argument = Vector512.Create(row[k - i - 1]) * t;
                    var c = PeriodicCosine.Core(Vector512.LessThanOrEqualAll(Vector512.AndNot(argument, signBit), large) ? argument : PeriodicCosine.ReduceLargeLanes(argument), cosine);
                    ref Vector512<double> a = ref acc[(k - i - 1) & (Accumulators - 1)];
                    a = UnderflowFlush.Apply(a * c, threshold, signBit);
                    p[k] = UnderflowFlush.Apply(p[k] * c, threshold, signBit);
                }

                var m0 = UnderflowFlush.Apply(acc[0] * acc[4], threshold, signBit);
                var m1 = UnderflowFlush.Apply(acc[1] * acc[5], threshold, signBit);
                var m2 = UnderflowFlush.Apply(acc[2] * acc[6], threshold, signBit);
                var m3 = UnderflowFlush.Apply(acc[3] * acc[7], threshold, signBit);
                p[i] = UnderflowFlush.Apply(p[i] * UnderflowFlush.Apply(UnderflowFlush.Apply(m0 * m2, threshold, signBit) * UnderflowFlush.Apply(m1 * m3, threshold, signBit), threshold, signBit), threshold, signBit);
            }

            var sum = Vector512<double>.Zero;
            var sumOfSquares = Vector512<double>.Zero;
            for (int i = 0; i < n; i++)
            {
                sum += p[i];
                sumOfSquares = Vector512.FusedMultiplyAdd(p[i], p[i], sumOfSquares);
            }

            Store(sum / Vector512.Create((double)n), lanes, mag.Slice(start, count));
            Store(sumOfSquares / Vector512.Create((double)n), lanes, pur.Slice(start, count));
            for (int s = 0; s < spins.Length; s++)
            {
                Store(p[spins[s]], lanes, spinCurves.Slice((s * tau.Length) + start, count));
            }
        }
    }

    private static void Run256(CouplingMatrix couplings, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur, ReadOnlySpan<int> spins, Span<double> spinCurves)
    {
        int n = couplings.N;
        const int width = 4;

        // Two vectors of times per pass, A and B: each pair's cosine for both is two independent
        // chains of 15 dependent FMAs, which the core overlaps; with one vector a pass was bound
        // by that chain's latency at these few partners per row. Each lane still performs the
        // same operations in the same order, so the bits are unchanged.
        // As Run512: products, accumulators, the constants and a copy of the couplings in one
        // cache-aligned stack block (at most 4 kB at 16 spins), so that the loop's stores and
        // loads cannot meet at addresses 4 kB apart (4K aliasing) depending on where the code's
        // data and the thread's stack lie: with the constants in the JIT's data, 1D N = 10 took
        // 22 us in some processes and 28 us in others.
        ReadOnlySpan<double> couplingsFrom = couplings.PackedTwoJ;
        int rowVectors = (couplingsFrom.Length + width - 1) / width;
        int constants = StoredCosineLanes<Vector256<double>>.Count + 3;
        int products = (2 * n) + (2 * Accumulators);
        int total = products + constants + rowVectors;
        Span<Vector256<double>> block = CacheLineAligned<Vector256<double>>(stackalloc byte[(total * 32) + CacheLine], total);
        Span<Vector256<double>> pa = block[..n];
        Span<Vector256<double>> pb = block.Slice(n, n);
        Span<Vector256<double>> accA = block.Slice(2 * n, Accumulators);
        Span<Vector256<double>> accB = block.Slice((2 * n) + Accumulators, Accumulators);
        Span<Vector256<double>> stored = block.Slice(products, constants);
        StoredCosineLanes<Vector256<double>>.Fill<EmbeddedCosineLanes256>(stored);
        stored[^3] = Vector256.Create(UnderflowFlush.Threshold);
        stored[^2] = Vector256.Create(-0.0);
        stored[^1] = Vector256.Create(PeriodicCosine.LargeArgument);
        var cosine = new StoredCosineLanes<Vector256<double>>(stored);
        Vector256<double> threshold = stored[^3];
        Vector256<double> signBit = stored[^2];
        Vector256<double> large = stored[^1];
        Span<double> packed = MemoryMarshal.Cast<Vector256<double>, double>(block[(products + constants)..])[..couplingsFrom.Length];
        couplingsFrom.CopyTo(packed);
        Span<double> times = stackalloc double[2 * width];
        Span<double> lanes = stackalloc double[width];
        for (int start = 0; start < tau.Length; start += 2 * width)
        {
            // Times past the grid's end are 0: cos(0) = 1 leaves nothing to flush, and they are not stored.
            int count = Math.Min(2 * width, tau.Length - start);
            times.Clear();
            tau.Slice(start, count).CopyTo(times);
            var ta = Vector256.Create<double>(times);
            var tb = Vector256.Create<double>(times[width..]);
            // Loops, not Span.Fill: a call per fill of a few vectors was a visible share of a small row.
            for (int i = 0; i < n; i++)
            {
                pa[i] = Vector256<double>.One;
                pb[i] = Vector256<double>.One;
            }

            for (int i = 0; i < n; i++)
            {
                int partners = n - 1 - i;
                for (int l = Math.Min(partners, Accumulators) - 1; l >= 0; l--)
                {
                    accA[l] = Vector256<double>.One;
                    accB[l] = Vector256<double>.One;
                }

                ReadOnlySpan<double> row = packed.Slice(couplings.RowOffset(i), partners);
                for (int k = i + 1; k < n; k++)
                {
                    var coupling = Vector256.Create(row[k - i - 1]);
                    var argumentA = coupling * ta;
                    var argumentB = coupling * tb;
                    var ca = PeriodicCosine.Core(Vector256.LessThanOrEqualAll(Vector256.AndNot(argumentA, signBit), large) ? argumentA : PeriodicCosine.ReduceLargeLanes(argumentA), cosine);
                    var cb = PeriodicCosine.Core(Vector256.LessThanOrEqualAll(Vector256.AndNot(argumentB, signBit), large) ? argumentB : PeriodicCosine.ReduceLargeLanes(argumentB), cosine);
                    int l = (k - i - 1) & (Accumulators - 1);
                    accA[l] = UnderflowFlush.Apply(accA[l] * ca, threshold, signBit);
                    accB[l] = UnderflowFlush.Apply(accB[l] * cb, threshold, signBit);
                    pa[k] = UnderflowFlush.Apply(pa[k] * ca, threshold, signBit);
                    pb[k] = UnderflowFlush.Apply(pb[k] * cb, threshold, signBit);
                }

                if (partners > 0)
                {
                    pa[i] = UnderflowFlush.Apply(pa[i] * Reduce(accA, partners, threshold, signBit), threshold, signBit);
                    pb[i] = UnderflowFlush.Apply(pb[i] * Reduce(accB, partners, threshold, signBit), threshold, signBit);
                }
            }

            Finish(pa, n, lanes, start, Math.Min(width, count), tau.Length, mag, pur, spins, spinCurves);
            if (count > width)
            {
                Finish(pb, n, lanes, start + width, count - width, tau.Length, mag, pur, spins, spinCurves);
            }
        }
    }

    /// <summary>
    /// The product of a row's accumulators by <see cref="LaneProduct"/>'s tree, flushed after
    /// every multiplication, for a row of 1 or more partners. With fewer than
    /// <see cref="Accumulators"/> partners the accumulators past them are exactly 1, and a
    /// flushed value (or 1) times 1, flushed, is itself: the tree's multiplications by them are
    /// left out (and those accumulators are never filled), and the bits are the full tree's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Reduce(ReadOnlySpan<Vector256<double>> acc, int partners, Vector256<double> threshold, Vector256<double> signBit)
    {
        var m0 = partners > 4 ? UnderflowFlush.Apply(acc[0] * acc[4], threshold, signBit) : acc[0];
        if (partners == 1)
        {
            return m0;
        }

        var m1 = partners > 5 ? UnderflowFlush.Apply(acc[1] * acc[5], threshold, signBit) : acc[1];
        if (partners == 2)
        {
            return UnderflowFlush.Apply(m0 * m1, threshold, signBit);
        }

        var m2 = partners > 6 ? UnderflowFlush.Apply(acc[2] * acc[6], threshold, signBit) : acc[2];
        var low = UnderflowFlush.Apply(m0 * m2, threshold, signBit);
        if (partners == 3)
        {
            return UnderflowFlush.Apply(low * m1, threshold, signBit);
        }

        var m3 = partners > 7 ? UnderflowFlush.Apply(acc[3] * acc[7], threshold, signBit) : acc[3];
        return UnderflowFlush.Apply(low * UnderflowFlush.Apply(m1 * m3, threshold, signBit), threshold, signBit);
    }

    /// <summary>One vector of times done: the mean and the mean square of the spins' products, and the chosen spins' own.</summary>
    private static void Finish(ReadOnlySpan<Vector256<double>> p, int n, Span<double> lanes, int start, int count, int timePoints, Span<double> mag, Span<double> pur, ReadOnlySpan<int> spins, Span<double> spinCurves)
    {
        var sum = Vector256<double>.Zero;
        var sumOfSquares = Vector256<double>.Zero;
        for (int i = 0; i < n; i++)
        {
            sum += p[i];
            sumOfSquares = Vector256.FusedMultiplyAdd(p[i], p[i], sumOfSquares);
        }

        Store(sum / Vector256.Create((double)n), lanes, mag.Slice(start, count));
        Store(sumOfSquares / Vector256.Create((double)n), lanes, pur.Slice(start, count));
        for (int s = 0; s < spins.Length; s++)
        {
            Store(p[spins[s]], lanes, spinCurves.Slice((s * timePoints) + start, count));
        }
    }

    private static void RunScalar(CouplingMatrix couplings, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur, ReadOnlySpan<int> spins, Span<double> spinCurves)
    {
        int n = couplings.N;
        ReadOnlySpan<double> packed = couplings.PackedTwoJ;
        Span<double> p = stackalloc double[n];
        Span<double> acc = stackalloc double[Accumulators];
        for (int j = 0; j < tau.Length; j++)
        {
            p.Fill(1.0);
            for (int i = 0; i < n; i++)
            {
                acc.Fill(1.0);
                ReadOnlySpan<double> row = packed.Slice(couplings.RowOffset(i), n - 1 - i);
                for (int k = i + 1; k < n; k++)
                {
                    double c = PeriodicCosine.Cos(row[k - i - 1] * tau[j]);
                    ref double a = ref acc[(k - i - 1) & (Accumulators - 1)];
                    a = UnderflowFlush.Apply(a * c);
                    p[k] = UnderflowFlush.Apply(p[k] * c);
                }

                p[i] = UnderflowFlush.Apply(p[i] * LaneProduct.Reduce(acc));
            }

            double sum = 0.0;
            double sumOfSquares = 0.0;
            foreach (double pi in p)
            {
                sum += pi;
                sumOfSquares = Math.FusedMultiplyAdd(pi, pi, sumOfSquares);
            }

            mag[j] = sum / n;
            pur[j] = sumOfSquares / n;
            for (int s = 0; s < spins.Length; s++)
            {
                spinCurves[(s * tau.Length) + j] = p[spins[s]];
            }
        }
    }

    /// <summary>
    /// <paramref name="count"/> values of <typeparamref name="T"/> in <paramref name="raw"/> (one
    /// cache line longer than they need), starting on a cache line: a stackalloc is aligned to
    /// 16 bytes only, and a 64-byte vector across two lines is two accesses.
    /// </summary>
    private static unsafe Span<T> CacheLineAligned<T>(Span<byte> raw, int count)
        where T : unmanaged
    {
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(raw));
        int skip = (int)(-address & (CacheLine - 1));
        return MemoryMarshal.Cast<byte, T>(raw.Slice(skip, count * sizeof(T)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector512<double> values, Span<double> lanes, Span<double> target)
    {
        values.CopyTo(lanes);
        lanes[..target.Length].CopyTo(target);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<double> values, Span<double> lanes, Span<double> target)
    {
        if (target.Length == Vector256<double>.Count)
        {
            values.CopyTo(target);
            return;
        }

        values.CopyTo(lanes);
        lanes[..target.Length].CopyTo(target);
    }
}
