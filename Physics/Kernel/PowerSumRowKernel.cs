using System.Numerics;
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
/// <para>
/// With order limits (version 5 of the kernel, <see cref="SeriesOrderLimits"/>) each group of
/// 16 elements (the last group of a row may have 8) adds only the orders it needs: with x the
/// largest rounded 2J * tau of its far elements, the orders n = 1 .. m for the first m with
/// x &lt;= limits[m], or every order (the bound's too) when there is none. Orders past a group's
/// count get nothing from it; everything else is as above.
/// </para>
/// <para>
/// The vector paths take two chunks of 8 per pass: a chunk's powers are a chain of dependent
/// multiplications and flushes (13 at a tolerance of 1e-10), and a chunk's pass is too long for
/// the core to overlap the next one's, so a second, independent chain in the same pass nearly
/// halves a pass's time. The additions keep their order (a lane gets the first chunk's power
/// before the second's), so the bits are those of one chunk at a time.
/// </para>
/// </summary>
internal static class PowerSumRowKernel
{
    private const int Lanes = CouplingMatrix.RowPadding;

    // Elements that share an order count under order limits: two chunks, one vector pass.
    private const int Group = 2 * Lanes;

    /// <summary>
    /// Runs row i. <paramref name="column"/> is the first power sum (n = 1) of spin i + 1; the sum
    /// of order n lies (n - 1) * <paramref name="stride"/> further. Writes the row's own sums to
    /// <paramref name="rowSums"/> and the near elements' row indices to <paramref name="near"/>;
    /// returns how many near elements there are. Empty <paramref name="orderLimits"/> give every
    /// group every order (versions 1 to 4).
    /// </summary>
    internal static int Run(KernelPath path, ref double twoJ, int paddedLength, double tauAbs, double farLimit, double scale, ref double column, int stride, Span<double> rowSums, Span<int> near, ReadOnlySpan<double> orderLimits)
        => path switch
        {
            KernelPath.Avx512 => Run512(ref twoJ, paddedLength, tauAbs, farLimit, scale, ref column, stride, rowSums, near, orderLimits),
            KernelPath.Avx2 => Run256(ref twoJ, paddedLength, tauAbs, farLimit, scale, ref column, stride, rowSums, near, orderLimits),
            _ => RunScalar(ref twoJ, paddedLength, tauAbs, farLimit, scale, ref column, stride, rowSums, near, orderLimits),
        };

    /// <summary>The orders a chunk whose largest far x is <paramref name="largest"/> adds (see the class remarks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Orders(double largest, ReadOnlySpan<double> orderLimits, int terms)
    {
        for (int m = 0; m < orderLimits.Length; m++)
        {
            if (largest <= orderLimits[m])
            {
                return m;
            }
        }

        return terms;
    }

    private static int RunScalar(ref double twoJ, int paddedLength, double tauAbs, double farLimit, double scale, ref double column, int stride, Span<double> rowSums, Span<int> near, ReadOnlySpan<double> orderLimits)
    {
        int terms = rowSums.Length;
        Span<double> acc = stackalloc double[terms * Lanes];
        acc.Clear();
        int nearCount = 0;
        int orders = terms;
        for (int m = 0; m < paddedLength; m++)
        {
            if (m % Group == 0 && !orderLimits.IsEmpty)
            {
                double largest = 0.0;
                for (int l = 0; l < Math.Min(Group, paddedLength - m); l++)
                {
                    double x = Unsafe.Add(ref twoJ, m + l) * tauAbs;
                    if (x <= farLimit && x > largest)
                    {
                        largest = x;
                    }
                }

                orders = Orders(largest, orderLimits, terms);
            }

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
            for (int n = 0; n < orders; n++)
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

    private static int Run512(ref double twoJ, int paddedLength, double tauAbs, double farLimit, double scale, ref double column, int stride, Span<double> rowSums, Span<int> near, ReadOnlySpan<double> orderLimits)
    {
        int terms = rowSums.Length;
        Span<Vector512<double>> accSpan = stackalloc Vector512<double>[terms];
        accSpan.Clear();
        ref Vector512<double> acc = ref MemoryMarshal.GetReference(accSpan);
        var tauV = Vector512.Create(tauAbs);
        var limitV = Vector512.Create(farLimit);
        var scaleV = Vector512.Create(scale);
        int nearCount = 0;
        // As in Run256: groups with a near element are scanned after the pass, and the orders
        // are counted without a branch per limit.
        Span<int> nearGroups = stackalloc int[(paddedLength / Group) + 1];
        int nearGroupCount = 0;
        Span<double> paddedLimits = stackalloc double[PaddedLimitsLength];
        int limitVectors = PadLimits(orderLimits, paddedLimits);
        ref double limits = ref MemoryMarshal.GetReference(paddedLimits);
        for (int m = 0; m < paddedLength; m += Group)
        {
            bool two = m + Group <= paddedLength;
            var vA = Vector512.LoadUnsafe(ref twoJ, (nuint)m);
            var vB = two ? Vector512.LoadUnsafe(ref twoJ, (nuint)(m + Lanes)) : Vector512<double>.Zero;
            var xA = vA * tauV;
            var xB = vB * tauV;
            var farA = Vector512.LessThanOrEqual(xA, limitV);
            var farB = Vector512.LessThanOrEqual(xB, limitV);
            if ((farA & farB).AsUInt64() != Vector512<ulong>.AllBitsSet)
            {
                nearGroups[nearGroupCount++] = m;
            }

            int orders = terms;
            if (!orderLimits.IsEmpty)
            {
                var largest = Larger(farA & xA, farB & xB);
                orders = CountOrders(Largest(largest.GetLower(), largest.GetUpper(), Vector256<double>.Zero, Vector256<double>.Zero), ref limits, limitVectors, orderLimits.Length, terms);
            }

            var wA = farA & (vA * scaleV);
            var wB = farB & (vB * scaleV);
            var w2A = UnderflowFlush.Apply(wA * wA);
            var w2B = UnderflowFlush.Apply(wB * wB);
            var pA = w2A;
            var pB = w2B;
            for (int n = 0; n < orders; n++)
            {
                ref Vector512<double> a = ref Unsafe.Add(ref acc, n);
                a = (a + pA) + pB;
                ref double c = ref Unsafe.Add(ref column, (n * stride) + m);
                (Vector512.LoadUnsafe(ref c) + pA).StoreUnsafe(ref c);
                if (two)
                {
                    (Vector512.LoadUnsafe(ref c, Lanes) + pB).StoreUnsafe(ref c, Lanes);
                }

                pA = UnderflowFlush.Apply(pA * w2A);
                pB = UnderflowFlush.Apply(pB * w2B);
            }
        }

        for (int g = 0; g < nearGroupCount; g++)
        {
            int m = nearGroups[g];
            nearCount = RecordNear(ref twoJ, m, tauAbs, farLimit, near, nearCount);
            if (m + Group <= paddedLength)
            {
                nearCount = RecordNear(ref twoJ, m + Lanes, tauAbs, farLimit, near, nearCount);
            }
        }

        for (int n = 0; n < terms; n++)
        {
            rowSums[n] = LaneSum(accSpan[n].GetLower(), accSpan[n].GetUpper());
        }

        return nearCount;
    }

    private static int Run256(ref double twoJ, int paddedLength, double tauAbs, double farLimit, double scale, ref double column, int stride, Span<double> rowSums, Span<int> near, ReadOnlySpan<double> orderLimits)
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
        // Groups with a near element are noted and scanned after the pass: a call inside the
        // loop made the JIT keep the pass's vectors in memory (20% of a truncated pass).
        Span<int> nearGroups = stackalloc int[(paddedLength / Group) + 1];
        int nearGroupCount = 0;
        Span<double> paddedLimits = stackalloc double[PaddedLimitsLength];
        int limitVectors = PadLimits(orderLimits, paddedLimits);
        ref double limits = ref MemoryMarshal.GetReference(paddedLimits);
        for (int m = 0; m < paddedLength; m += Group)
        {
            // Chunk A is elements m .. m + 7 (halves 0 and 1), chunk B the next 8 when the row has them.
            bool two = m + Group <= paddedLength;
            var vA0 = Vector256.LoadUnsafe(ref twoJ, (nuint)m);
            var vA1 = Vector256.LoadUnsafe(ref twoJ, (nuint)(m + Half));
            var vB0 = two ? Vector256.LoadUnsafe(ref twoJ, (nuint)(m + Lanes)) : Vector256<double>.Zero;
            var vB1 = two ? Vector256.LoadUnsafe(ref twoJ, (nuint)(m + Lanes + Half)) : Vector256<double>.Zero;
            var xA0 = vA0 * tauV;
            var xA1 = vA1 * tauV;
            var xB0 = vB0 * tauV;
            var xB1 = vB1 * tauV;
            var farA0 = Vector256.LessThanOrEqual(xA0, limitV);
            var farA1 = Vector256.LessThanOrEqual(xA1, limitV);
            var farB0 = Vector256.LessThanOrEqual(xB0, limitV);
            var farB1 = Vector256.LessThanOrEqual(xB1, limitV);
            if ((farA0 & farA1 & farB0 & farB1).AsUInt64() != Vector256<ulong>.AllBitsSet)
            {
                nearGroups[nearGroupCount++] = m;
            }

            int orders = orderLimits.IsEmpty ? terms : CountOrders(Largest(farA0 & xA0, farA1 & xA1, farB0 & xB0, farB1 & xB1), ref limits, limitVectors, orderLimits.Length, terms);
            var w2A0 = Square(farA0 & (vA0 * scaleV));
            var w2A1 = Square(farA1 & (vA1 * scaleV));
            var w2B0 = Square(farB0 & (vB0 * scaleV));
            var w2B1 = Square(farB1 & (vB1 * scaleV));
            var pA0 = w2A0;
            var pA1 = w2A1;
            var pB0 = w2B0;
            var pB1 = w2B1;
            for (int n = 0; n < orders; n++)
            {
                ref Vector256<double> a0 = ref Unsafe.Add(ref acc, 2 * n);
                ref Vector256<double> a1 = ref Unsafe.Add(ref acc, (2 * n) + 1);
                a0 = (a0 + pA0) + pB0;
                a1 = (a1 + pA1) + pB1;
                ref double c = ref Unsafe.Add(ref column, (n * stride) + m);
                (Vector256.LoadUnsafe(ref c) + pA0).StoreUnsafe(ref c);
                (Vector256.LoadUnsafe(ref c, Half) + pA1).StoreUnsafe(ref c, Half);
                if (two)
                {
                    (Vector256.LoadUnsafe(ref c, Lanes) + pB0).StoreUnsafe(ref c, Lanes);
                    (Vector256.LoadUnsafe(ref c, Lanes + Half) + pB1).StoreUnsafe(ref c, Lanes + Half);
                }

                pA0 = UnderflowFlush.Apply(pA0 * w2A0);
                pA1 = UnderflowFlush.Apply(pA1 * w2A1);
                pB0 = UnderflowFlush.Apply(pB0 * w2B0);
                pB1 = UnderflowFlush.Apply(pB1 * w2B1);
            }
        }

        for (int g = 0; g < nearGroupCount; g++)
        {
            int m = nearGroups[g];
            nearCount = RecordNear(ref twoJ, m, tauAbs, farLimit, near, nearCount);
            if (m + Group <= paddedLength)
            {
                nearCount = RecordNear(ref twoJ, m + Lanes, tauAbs, farLimit, near, nearCount);
            }
        }

        for (int n = 0; n < terms; n++)
        {
            rowSums[n] = LaneSum(accSpan[2 * n], accSpan[(2 * n) + 1]);
        }

        return nearCount;
    }

    // Room for the most limits a tolerance can give, padded to whole vectors.
    private const int PaddedLimitsLength = LogCosineSeries.MaxTerms + 4;

    // The limits padded with +infinity to whole vectors (for CountOrders) into the start of
    // buffer; returns how many vectors they fill.
    private static int PadLimits(ReadOnlySpan<double> orderLimits, Span<double> buffer)
    {
        int vectors = (orderLimits.Length + Vector256<double>.Count - 1) / Vector256<double>.Count;
        buffer[..(vectors * Vector256<double>.Count)].Fill(double.PositiveInfinity);
        orderLimits.CopyTo(buffer);
        return vectors;
    }

    // Orders(largest, limits, terms) without a branch per limit (the limits ascend, so the first
    // m with largest <= limits[m] is the number of limits below largest), the limits padded with
    // +infinity to whole vectors: a data-dependent loop exit mispredicted in most groups.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CountOrders(double largest, ref double limits, int vectors, int limitCount, int terms)
    {
        var x = Vector256.Create(largest);
        int count = 0;
        for (int v = 0; v < vectors; v++)
        {
            count += BitOperations.PopCount(Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref limits, (nuint)(v * Vector256<double>.Count))).ExtractMostSignificantBits());
        }

        return count == limitCount ? terms : count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Square(Vector256<double> w) => UnderflowFlush.Apply(w * w);

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

    // The largest lane of non-negative values (a maximum: no order changes it).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Largest(Vector256<double> a, Vector256<double> b, Vector256<double> c, Vector256<double> d)
    {
        var ab = Larger(a, b);
        var cd = Larger(c, d);
        var m = Larger(ab, cd);
        var h = Vector128.ConditionalSelect(Vector128.GreaterThan(m.GetUpper(), m.GetLower()), m.GetUpper(), m.GetLower());
        return Math.Max(h.GetElement(0), h.GetElement(1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Larger(Vector256<double> a, Vector256<double> b) => Vector256.ConditionalSelect(Vector256.GreaterThan(b, a), b, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Larger(Vector512<double> a, Vector512<double> b) => Vector512.ConditionalSelect(Vector512.GreaterThan(b, a), b, a);

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
