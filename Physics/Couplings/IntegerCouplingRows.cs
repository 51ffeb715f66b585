using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sweep.Physics.Couplings;

/// <summary>
/// The packed rows of 2 J_ik for an integer alpha, eight (or four) partners k at once. The
/// scalar build spent a third of a 3D realization's time here (a square root, a division and a
/// branching power loop per pair). Each lane performs the scalar build's operations in its order
/// (the squared distance summed over coordinates from the first, the square root, the power by
/// <see cref="IntegerPower"/>'s sequence of multiplications, the reciprocal, the doubling), all
/// correctly rounded IEEE operations, so the couplings carry the same bits as before on every
/// instruction set; the largest coupling of each spin is a maximum, which no order changes.
/// </summary>
internal static class IntegerCouplingRows
{
    /// <summary>True when a vector build is available on this machine.</summary>
    internal static bool IsSupported => Vector512.IsHardwareAccelerated || Vector256.IsHardwareAccelerated;

    /// <summary>
    /// Writes row i (k = i + 1 .. n - 1, then zeros up to the padded length) of every spin into
    /// <paramref name="twoJ"/> at <paramref name="rowOffset"/>[i], and max_k J_ik into
    /// <paramref name="maxJ"/>. Requires <see cref="IsSupported"/>.
    /// </summary>
    internal static void Fill(ReadOnlySpan<double> positions, int d, int alpha, int n, int[] rowOffset, Span<double> twoJ, Span<double> maxJ)
    {
        // Coordinates by axis, padded by a row's padding of zeros so the last chunk of a row can
        // load past spin n - 1 (those lanes are masked out); the running maxima likewise.
        int stride = n + CouplingMatrix.RowPadding;
        double[] axes = ArrayPool<double>.Shared.Rent(d * stride);
        double[] maxima = ArrayPool<double>.Shared.Rent(stride);
        try
        {
            axes.AsSpan(0, d * stride).Clear();
            maxima.AsSpan(0, stride).Clear();
            for (int k = 0; k < n; k++)
            {
                for (int c = 0; c < d; c++)
                {
                    axes[(c * stride) + k] = positions[(k * d) + c];
                }
            }

            for (int i = 0; i < n; i++)
            {
                int used = n - 1 - i;
                int padded = (used + CouplingMatrix.RowPadding - 1) / CouplingMatrix.RowPadding * CouplingMatrix.RowPadding;
                Span<double> row = twoJ.Slice(rowOffset[i], padded);
                double own = Vector512.IsHardwareAccelerated
                    ? Row512(axes, stride, d, alpha, i, used, row, maxima)
                    : Row256(axes, stride, d, alpha, i, used, row, maxima);
                if (own > maxima[i])
                {
                    maxima[i] = own;
                }
            }

            maxima.AsSpan(0, n).CopyTo(maxJ);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(maxima);
            ArrayPool<double>.Shared.Return(axes);
        }
    }

    // One row on 8 lanes; returns the row's largest J (0 for an empty row).
    private static double Row512(double[] axes, int stride, int d, int alpha, int i, int used, Span<double> row, double[] maxima)
    {
        var rowMax = Vector512<double>.Zero;
        var lane = Vector512.Create(0.0, 1, 2, 3, 4, 5, 6, 7);
        for (int j0 = 0; j0 < row.Length; j0 += Vector512<double>.Count)
        {
            int k0 = i + 1 + j0;
            Vector512<double> dist2 = Vector512<double>.Zero;
            for (int c = 0; c < d; c++)
            {
                var delta = Vector512.Create(axes[(c * stride) + i]) - Vector512.Create<double>(axes.AsSpan((c * stride) + k0, Vector512<double>.Count));
                dist2 = c == 0 ? delta * delta : dist2 + (delta * delta);
            }

            var j = Vector512<double>.One / Power(Vector512.Sqrt(dist2), alpha);
            var valid = Vector512.LessThan(lane + Vector512.Create((double)j0), Vector512.Create((double)used));
            Vector512.ConditionalSelect(valid, Vector512.Create(2.0) * j, Vector512<double>.Zero).CopyTo(row.Slice(j0, Vector512<double>.Count));
            Span<double> partners = maxima.AsSpan(k0, Vector512<double>.Count);
            var m = Vector512.Create<double>(partners);
            Vector512.ConditionalSelect(valid & Vector512.GreaterThan(j, m), j, m).CopyTo(partners);
            rowMax = Vector512.ConditionalSelect(valid & Vector512.GreaterThan(j, rowMax), j, rowMax);
        }

        double max = 0.0;
        for (int l = 0; l < Vector512<double>.Count; l++)
        {
            if (rowMax[l] > max)
            {
                max = rowMax[l];
            }
        }

        return max;
    }

    // One row on 4 lanes. The padded chunks of 8 that hold only valid partners run two vectors
    // per pass with no masks: the square root, the power's multiplications and the division of
    // one vector are a chain of dependent operations, and a second, independent chain keeps the
    // core busy (a row at 1.3 to 2 ns per pair against 3.8 to 6 with one masked vector at a time).
    // The last chunk is masked as before.
    private static double Row256(double[] axes, int stride, int d, int alpha, int i, int used, Span<double> row, double[] maxima)
    {
        const int Lanes = 4;
        ref double ax = ref MemoryMarshal.GetArrayDataReference(axes);
        ref double r = ref MemoryMarshal.GetReference(row);
        ref double mx = ref MemoryMarshal.GetArrayDataReference(maxima);
        var own = new SpinAxes256(axes, stride, d, i);
        var two = Vector256.Create(2.0);
        var rowMax0 = Vector256<double>.Zero;
        var rowMax1 = Vector256<double>.Zero;
        int full = used / (2 * Lanes) * (2 * Lanes);
        int j0 = 0;
        for (; j0 < full; j0 += 2 * Lanes)
        {
            int k0 = i + 1 + j0;
            (Vector256<double> j, Vector256<double> jNext) = Couplings(Vector256.Sqrt(own.Distance2(ref ax, stride, k0)), Vector256.Sqrt(own.Distance2(ref ax, stride, k0 + Lanes)), alpha);
            (two * j).StoreUnsafe(ref r, (nuint)j0);
            (two * jNext).StoreUnsafe(ref r, (nuint)(j0 + Lanes));
            var m = Vector256.LoadUnsafe(ref mx, (nuint)k0);
            var mNext = Vector256.LoadUnsafe(ref mx, (nuint)(k0 + Lanes));
            Vector256.ConditionalSelect(Vector256.GreaterThan(j, m), j, m).StoreUnsafe(ref mx, (nuint)k0);
            Vector256.ConditionalSelect(Vector256.GreaterThan(jNext, mNext), jNext, mNext).StoreUnsafe(ref mx, (nuint)(k0 + Lanes));
            rowMax0 = Vector256.ConditionalSelect(Vector256.GreaterThan(j, rowMax0), j, rowMax0);
            rowMax1 = Vector256.ConditionalSelect(Vector256.GreaterThan(jNext, rowMax1), jNext, rowMax1);
        }

        var lane = Vector256.Create(0.0, 1, 2, 3);
        for (; j0 < row.Length; j0 += Lanes)
        {
            int k0 = i + 1 + j0;
            var j = Vector256<double>.One / Power(Vector256.Sqrt(own.Distance2(ref ax, stride, k0)), alpha);
            var valid = Vector256.LessThan(lane + Vector256.Create((double)j0), Vector256.Create((double)used));
            Vector256.ConditionalSelect(valid, two * j, Vector256<double>.Zero).StoreUnsafe(ref r, (nuint)j0);
            var m = Vector256.LoadUnsafe(ref mx, (nuint)k0);
            Vector256.ConditionalSelect(valid & Vector256.GreaterThan(j, m), j, m).StoreUnsafe(ref mx, (nuint)k0);
            rowMax0 = Vector256.ConditionalSelect(valid & Vector256.GreaterThan(j, rowMax0), j, rowMax0);
        }

        double max = 0.0;
        for (int l = 0; l < Lanes; l++)
        {
            max = Math.Max(max, Math.Max(rowMax0[l], rowMax1[l]));
        }

        return max;
    }

    // 1 / x^alpha of two vectors, each by IntegerPower.Of's multiplications in its order and one
    // correctly rounded division, interleaved so that the two chains overlap.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<double> First, Vector256<double> Second) Couplings(Vector256<double> x, Vector256<double> y, int p)
    {
        var resultX = Vector256<double>.One;
        var resultY = Vector256<double>.One;
        var bx = x;
        var by = y;
        while (p > 0)
        {
            if ((p & 1) != 0)
            {
                resultX *= bx;
                resultY *= by;
            }

            bx *= bx;
            by *= by;
            p >>= 1;
        }

        return (Vector256<double>.One / resultX, Vector256<double>.One / resultY);
    }

    // Spin i's coordinates in every lane, and the squared distance to four partners summed over
    // the axes from the first, as the scalar build sums it.
    private readonly struct SpinAxes256
    {
        private readonly Vector256<double> _x;
        private readonly Vector256<double> _y;
        private readonly Vector256<double> _z;
        private readonly int _d;

        internal SpinAxes256(double[] axes, int stride, int d, int i)
        {
            _d = d;
            _x = Vector256.Create(axes[i]);
            _y = d > 1 ? Vector256.Create(axes[stride + i]) : default;
            _z = d > 2 ? Vector256.Create(axes[(2 * stride) + i]) : default;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal Vector256<double> Distance2(ref double axes, int stride, int k0)
        {
            var dx = _x - Vector256.LoadUnsafe(ref axes, (nuint)k0);
            var dist2 = dx * dx;
            if (_d > 1)
            {
                var dy = _y - Vector256.LoadUnsafe(ref axes, (nuint)(stride + k0));
                dist2 += dy * dy;
                if (_d > 2)
                {
                    var dz = _z - Vector256.LoadUnsafe(ref axes, (nuint)((2 * stride) + k0));
                    dist2 += dz * dz;
                }
            }

            return dist2;
        }
    }

    // IntegerPower.Of's multiplications in its order, on every lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Power(Vector512<double> x, int p)
    {
        var result = Vector512<double>.One;
        var b = x;
        while (p > 0)
        {
            if ((p & 1) != 0)
            {
                result *= b;
            }

            b *= b;
            p >>= 1;
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Power(Vector256<double> x, int p)
    {
        var result = Vector256<double>.One;
        var b = x;
        while (p > 0)
        {
            if ((p & 1) != 0)
            {
                result *= b;
            }

            b *= b;
            p >>= 1;
        }

        return result;
    }
}
