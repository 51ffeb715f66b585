using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Sweep.Physics.Couplings;

namespace Sweep.Physics.Kernel;

/// <summary>
/// One row pass of the accelerated kernel's set-up: the far pairs of row i (2J_ik tau &lt;= x_max
/// at the largest tau) add their scaled powers w^(2n), w = 2J_ik 2^E, n = 1 .. terms, to the
/// power sums of spin i (returned per n) and of spin k (added in place to the column sums, as
/// the exact kernel does with its column products). Near pairs are reported by index instead.
/// <para>
/// The reference definition, which the vector paths reproduce bit for bit: element m of the row
/// goes to lane m mod 8; far means the rounded product 2J * tau is at most x_max; a near or
/// padding element has w = 0. Then p = flush(w * w) and for each n: lane n += p, column n of
/// spin k += p, p = flush(p * w^2). The 8 lanes of each n combine by a fixed tree:
/// (l_j + l_(j+4)), then (m_j + m_(j+2)), then n_0 + n_1.
/// </para>
/// </summary>
internal static class PowerSumRowKernel
{
    private const int Lanes = CouplingMatrix.RowPadding;

    /// <summary>
    /// Runs row i. <paramref name="column"/> is the first power sum (n = 1) of spin i + 1; the sum
    /// of order n lies (n - 1) * <paramref name="stride"/> further. Writes the row's own sums to
    /// <paramref name="rowSums"/> and the near elements' row indices to <paramref name="near"/>;
    /// returns how many near elements there are.
    /// </summary>
    internal static int Run(KernelPath path, ref double twoJ, int paddedLength, double tauAbs, double farLimit, double scale, ref double column, int stride, Span<double> rowSums, Span<int> near)
        => path switch
        {
            KernelPath.Avx512 => Run512(ref twoJ, paddedLength, tauAbs, farLimit, scale, ref column, stride, rowSums, near),
            KernelPath.Avx2 => Run256(ref twoJ, paddedLength, tauAbs, farLimit, scale, ref column, stride, rowSums, near),
            _ => RunScalar(ref twoJ, paddedLength, tauAbs, farLimit, scale, ref column, stride, rowSums, near),
        };

    private static int RunScalar(ref double twoJ, int paddedLength, double tauAbs, double farLimit, double scale, ref double column, int stride, Span<double> rowSums, Span<int> near)
    {
        int terms = rowSums.Length;
        Span<double> acc = stackalloc double[terms * Lanes];
        acc.Clear();
        int nearCount = 0;
        for (int m = 0; m < paddedLength; m++)
        {
            double v = Unsafe.Add(ref twoJ, m);
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
                Unsafe.Add(ref column, (n * stride) + m) += p;
                p = UnderflowFlush.Apply(p * w2);
            }
        }

        for (int n = 0; n < terms; n++)
        {
            rowSums[n] = LaneSum(acc.Slice(n * Lanes, Lanes));
        }

        return nearCount;
    }

    private static int Run512(ref double twoJ, int paddedLength, double tauAbs, double farLimit, double scale, ref double column, int stride, Span<double> rowSums, Span<int> near)
    {
        int terms = rowSums.Length;
        Span<Vector512<double>> accSpan = stackalloc Vector512<double>[terms];
        accSpan.Clear();
        ref Vector512<double> acc = ref MemoryMarshal.GetReference(accSpan);
        var tauV = Vector512.Create(tauAbs);
        var limitV = Vector512.Create(farLimit);
        var scaleV = Vector512.Create(scale);
        int nearCount = 0;
        for (int m = 0; m < paddedLength; m += Lanes)
        {
            var v = Vector512.LoadUnsafe(ref twoJ, (nuint)m);
            var far = Vector512.LessThanOrEqual(v * tauV, limitV);
            if (far.AsUInt64() != Vector512<ulong>.AllBitsSet)
            {
                nearCount = RecordNear(ref twoJ, m, tauAbs, farLimit, near, nearCount);
            }

            var w = Vector512.ConditionalSelect(far, v * scaleV, Vector512<double>.Zero);
            var w2 = UnderflowFlush.Apply(w * w);
            var p = w2;
            for (int n = 0; n < terms; n++)
            {
                Unsafe.Add(ref acc, n) += p;
                ref double c = ref Unsafe.Add(ref column, (n * stride) + m);
                (Vector512.LoadUnsafe(ref c) + p).StoreUnsafe(ref c);
                p = UnderflowFlush.Apply(p * w2);
            }
        }

        for (int n = 0; n < terms; n++)
        {
            rowSums[n] = LaneSum(accSpan[n].GetLower(), accSpan[n].GetUpper());
        }

        return nearCount;
    }

    private static int Run256(ref double twoJ, int paddedLength, double tauAbs, double farLimit, double scale, ref double column, int stride, Span<double> rowSums, Span<int> near)
    {
        const int Half = Lanes / 2;
        int terms = rowSums.Length;
        Span<Vector256<double>> accSpan = stackalloc Vector256<double>[2 * terms];
        accSpan.Clear();
        ref Vector256<double> acc = ref MemoryMarshal.GetReference(accSpan);
        var tauV = Vector256.Create(tauAbs);
        var limitV = Vector256.Create(farLimit);
        var scaleV = Vector256.Create(scale);
        int nearCount = 0;
        for (int m = 0; m < paddedLength; m += Lanes)
        {
            var vLow = Vector256.LoadUnsafe(ref twoJ, (nuint)m);
            var vHigh = Vector256.LoadUnsafe(ref twoJ, (nuint)(m + Half));
            var farLow = Vector256.LessThanOrEqual(vLow * tauV, limitV);
            var farHigh = Vector256.LessThanOrEqual(vHigh * tauV, limitV);
            if ((farLow & farHigh).AsUInt64() != Vector256<ulong>.AllBitsSet)
            {
                nearCount = RecordNear(ref twoJ, m, tauAbs, farLimit, near, nearCount);
            }

            var wLow = farLow & (vLow * scaleV);
            var wHigh = farHigh & (vHigh * scaleV);
            var w2Low = UnderflowFlush.Apply(wLow * wLow);
            var w2High = UnderflowFlush.Apply(wHigh * wHigh);
            var pLow = w2Low;
            var pHigh = w2High;
            for (int n = 0; n < terms; n++)
            {
                Unsafe.Add(ref acc, 2 * n) += pLow;
                Unsafe.Add(ref acc, (2 * n) + 1) += pHigh;
                ref double c = ref Unsafe.Add(ref column, (n * stride) + m);
                (Vector256.LoadUnsafe(ref c) + pLow).StoreUnsafe(ref c);
                (Vector256.LoadUnsafe(ref c, Half) + pHigh).StoreUnsafe(ref c, Half);
                pLow = UnderflowFlush.Apply(pLow * w2Low);
                pHigh = UnderflowFlush.Apply(pHigh * w2High);
            }
        }

        for (int n = 0; n < terms; n++)
        {
            rowSums[n] = LaneSum(accSpan[2 * n], accSpan[(2 * n) + 1]);
        }

        return nearCount;
    }

    // Out of line: a chunk with a near element is rare, and the scalar scan would crowd the loop.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int RecordNear(ref double twoJ, int m, double tauAbs, double farLimit, Span<int> near, int nearCount)
    {
        for (int l = 0; l < Lanes; l++)
        {
            if (!(Unsafe.Add(ref twoJ, m + l) * tauAbs <= farLimit))
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

    private static double LaneSum(ReadOnlySpan<double> lanes)
    {
        double m0 = lanes[0] + lanes[4];
        double m1 = lanes[1] + lanes[5];
        double m2 = lanes[2] + lanes[6];
        double m3 = lanes[3] + lanes[7];
        return (m0 + m2) + (m1 + m3);
    }
}
