using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sweep.Physics.Kernel;

/// <summary>
/// The cell kernel's set-up pass for one spin: its far couplings (2J tau &lt;= x_max) add their
/// scaled powers w^(2n), w = 2J 2^E, n = 1 .. terms, to the spin's own power sums; near couplings
/// are reported by index. Unlike <see cref="PowerSumRowKernel"/> nothing is added to the partner,
/// since each spin gathers its own partners.
/// <para>
/// The reference definition, which the vector paths reproduce bit for bit: element m goes to lane
/// m mod 8; far means the rounded 2J * tau is at most x_max; a near or padding element has w = 0.
/// Then p = flush(w * w) and for each n: lane n += p, p = flush(p * w^2). The 8 lanes of each n
/// combine by the fixed tree (l_j + l_(j+4)), then (m_j + m_(j+2)), then n_0 + n_1.
/// </para>
/// </summary>
internal static class SpinPowerSumKernel
{
    /// <summary>Elements are processed in chunks of this many; the buffer is padded with zeros to a multiple.</summary>
    internal const int Lanes = 8;

    /// <summary>
    /// Runs over <paramref name="twoJ"/> (length a multiple of <see cref="Lanes"/>). Writes the
    /// sums to <paramref name="sums"/> (one per order) and the near elements' indices to
    /// <paramref name="near"/>; returns how many are near.
    /// </summary>
    internal static int Run(KernelPath path, ReadOnlySpan<double> twoJ, double tauAbs, double farLimit, double scale, Span<double> sums, Span<int> near)
        => path switch
        {
            KernelPath.Avx512 => Run512(twoJ, tauAbs, farLimit, scale, sums, near),
            KernelPath.Avx2 => Run256(twoJ, tauAbs, farLimit, scale, sums, near),
            _ => RunScalar(twoJ, tauAbs, farLimit, scale, sums, near),
        };

    private static int RunScalar(ReadOnlySpan<double> twoJ, double tauAbs, double farLimit, double scale, Span<double> sums, Span<int> near)
    {
        int terms = sums.Length;
        Span<double> acc = stackalloc double[terms * Lanes];
        acc.Clear();
        int nearCount = 0;
        for (int m = 0; m < twoJ.Length; m++)
        {
            double v = twoJ[m];
            bool far = v * tauAbs <= farLimit;
            if (!far)
            {
                near[nearCount++] = m;
            }

            double w = far ? v * scale : 0.0;
            double w2 = UnderflowFlush.Apply(w * w);
            double p = w2;
            int lane = m % Lanes;
            for (int n = 0; n < terms; n++)
            {
                acc[(n * Lanes) + lane] += p;
                p = UnderflowFlush.Apply(p * w2);
            }
        }

        for (int n = 0; n < terms; n++)
        {
            ReadOnlySpan<double> l = acc.Slice(n * Lanes, Lanes);
            sums[n] = ((l[0] + l[4]) + (l[2] + l[6])) + ((l[1] + l[5]) + (l[3] + l[7]));
        }

        return nearCount;
    }

    private static int Run512(ReadOnlySpan<double> twoJ, double tauAbs, double farLimit, double scale, Span<double> sums, Span<int> near)
    {
        int terms = sums.Length;
        Span<Vector512<double>> accSpan = stackalloc Vector512<double>[terms];
        accSpan.Clear();
        ref Vector512<double> acc = ref MemoryMarshal.GetReference(accSpan);
        ref double source = ref MemoryMarshal.GetReference(twoJ);
        var tauV = Vector512.Create(tauAbs);
        var limitV = Vector512.Create(farLimit);
        var scaleV = Vector512.Create(scale);
        int nearCount = 0;
        int m = 0;
        // Four chunks at a time: their chains p -> flush(p w^2) are independent, so they overlap in
        // the pipeline; each lane still receives its elements in ascending order, so the bits are
        // those of one chunk at a time.
        for (; m + (4 * Lanes) <= twoJ.Length; m += 4 * Lanes)
        {
            var w20 = Squares512(twoJ, ref source, m, tauV, limitV, scaleV, tauAbs, farLimit, near, ref nearCount);
            var w21 = Squares512(twoJ, ref source, m + Lanes, tauV, limitV, scaleV, tauAbs, farLimit, near, ref nearCount);
            var w22 = Squares512(twoJ, ref source, m + (2 * Lanes), tauV, limitV, scaleV, tauAbs, farLimit, near, ref nearCount);
            var w23 = Squares512(twoJ, ref source, m + (3 * Lanes), tauV, limitV, scaleV, tauAbs, farLimit, near, ref nearCount);
            Vector512<double> p0 = w20, p1 = w21, p2 = w22, p3 = w23;
            for (int n = 0; n < terms; n++)
            {
                ref Vector512<double> a = ref Unsafe.Add(ref acc, n);
                a = (((a + p0) + p1) + p2) + p3;
                p0 = UnderflowFlush.Apply(p0 * w20);
                p1 = UnderflowFlush.Apply(p1 * w21);
                p2 = UnderflowFlush.Apply(p2 * w22);
                p3 = UnderflowFlush.Apply(p3 * w23);
            }
        }

        for (; m < twoJ.Length; m += Lanes)
        {
            var w2 = Squares512(twoJ, ref source, m, tauV, limitV, scaleV, tauAbs, farLimit, near, ref nearCount);
            var p = w2;
            for (int n = 0; n < terms; n++)
            {
                Unsafe.Add(ref acc, n) += p;
                p = UnderflowFlush.Apply(p * w2);
            }
        }

        for (int n = 0; n < terms; n++)
        {
            sums[n] = LaneSum(accSpan[n].GetLower(), accSpan[n].GetUpper());
        }

        return nearCount;
    }

    // flush(w^2) of the chunk at m, w = 2J 2^E for far elements and 0 otherwise; records the near ones.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Squares512(ReadOnlySpan<double> twoJ, ref double source, int m, Vector512<double> tauV, Vector512<double> limitV, Vector512<double> scaleV, double tauAbs, double farLimit, Span<int> near, ref int nearCount)
    {
        var v = Vector512.LoadUnsafe(ref source, (nuint)m);
        var far = Vector512.LessThanOrEqual(v * tauV, limitV);
        if (far.AsUInt64() != Vector512<ulong>.AllBitsSet)
        {
            nearCount = RecordNear(twoJ, m, tauAbs, farLimit, near, nearCount);
        }

        var w = Vector512.ConditionalSelect(far, v * scaleV, Vector512<double>.Zero);
        return UnderflowFlush.Apply(w * w);
    }

    private static int Run256(ReadOnlySpan<double> twoJ, double tauAbs, double farLimit, double scale, Span<double> sums, Span<int> near)
    {
        int terms = sums.Length;
        Span<Vector256<double>> accSpan = stackalloc Vector256<double>[2 * terms];
        accSpan.Clear();
        ref Vector256<double> acc = ref MemoryMarshal.GetReference(accSpan);
        ref double source = ref MemoryMarshal.GetReference(twoJ);
        var tauV = Vector256.Create(tauAbs);
        var limitV = Vector256.Create(farLimit);
        var scaleV = Vector256.Create(scale);
        int nearCount = 0;
        int m = 0;
        // Two chunks (four chains) at a time, as in the AVX-512 path: same additions per lane, same order.
        for (; m + (2 * Lanes) <= twoJ.Length; m += 2 * Lanes)
        {
            var (w2a, w2b) = Squares256(twoJ, ref source, m, tauV, limitV, scaleV, tauAbs, farLimit, near, ref nearCount);
            var (w2c, w2d) = Squares256(twoJ, ref source, m + Lanes, tauV, limitV, scaleV, tauAbs, farLimit, near, ref nearCount);
            Vector256<double> pa = w2a, pb = w2b, pc = w2c, pd = w2d;
            for (int n = 0; n < terms; n++)
            {
                ref Vector256<double> low = ref Unsafe.Add(ref acc, 2 * n);
                ref Vector256<double> high = ref Unsafe.Add(ref acc, (2 * n) + 1);
                low = (low + pa) + pc;
                high = (high + pb) + pd;
                pa = UnderflowFlush.Apply(pa * w2a);
                pb = UnderflowFlush.Apply(pb * w2b);
                pc = UnderflowFlush.Apply(pc * w2c);
                pd = UnderflowFlush.Apply(pd * w2d);
            }
        }

        for (; m < twoJ.Length; m += Lanes)
        {
            var (w2Low, w2High) = Squares256(twoJ, ref source, m, tauV, limitV, scaleV, tauAbs, farLimit, near, ref nearCount);
            var pLow = w2Low;
            var pHigh = w2High;
            for (int n = 0; n < terms; n++)
            {
                Unsafe.Add(ref acc, 2 * n) += pLow;
                Unsafe.Add(ref acc, (2 * n) + 1) += pHigh;
                pLow = UnderflowFlush.Apply(pLow * w2Low);
                pHigh = UnderflowFlush.Apply(pHigh * w2High);
            }
        }

        for (int n = 0; n < terms; n++)
        {
            sums[n] = LaneSum(accSpan[2 * n], accSpan[(2 * n) + 1]);
        }

        return nearCount;
    }

    // flush(w^2) of the chunk at m as its low and high halves; records the near elements.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<double> Low, Vector256<double> High) Squares256(ReadOnlySpan<double> twoJ, ref double source, int m, Vector256<double> tauV, Vector256<double> limitV, Vector256<double> scaleV, double tauAbs, double farLimit, Span<int> near, ref int nearCount)
    {
        var vLow = Vector256.LoadUnsafe(ref source, (nuint)m);
        var vHigh = Vector256.LoadUnsafe(ref source, (nuint)(m + (Lanes / 2)));
        var farLow = Vector256.LessThanOrEqual(vLow * tauV, limitV);
        var farHigh = Vector256.LessThanOrEqual(vHigh * tauV, limitV);
        if ((farLow & farHigh).AsUInt64() != Vector256<ulong>.AllBitsSet)
        {
            nearCount = RecordNear(twoJ, m, tauAbs, farLimit, near, nearCount);
        }

        var wLow = farLow & (vLow * scaleV);
        var wHigh = farHigh & (vHigh * scaleV);
        return (UnderflowFlush.Apply(wLow * wLow), UnderflowFlush.Apply(wHigh * wHigh));
    }

    // Out of line: a chunk with a near element is rare, and the scalar scan would crowd the loop.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int RecordNear(ReadOnlySpan<double> twoJ, int m, double tauAbs, double farLimit, Span<int> near, int nearCount)
    {
        for (int l = 0; l < Lanes; l++)
        {
            if (!(twoJ[m + l] * tauAbs <= farLimit))
            {
                near[nearCount++] = m + l;
            }
        }

        return nearCount;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double LaneSum(Vector256<double> low, Vector256<double> high)
    {
        var m = low + high;
        var n = m.GetLower() + m.GetUpper();
        return n.GetElement(0) + n.GetElement(1);
    }
}
