using System.Buffers;
using System.Runtime.CompilerServices;
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

    // One row on 4 lanes (two per padded chunk of 8); returns the row's largest J.
    private static double Row256(double[] axes, int stride, int d, int alpha, int i, int used, Span<double> row, double[] maxima)
    {
        var rowMax = Vector256<double>.Zero;
        var lane = Vector256.Create(0.0, 1, 2, 3);
        for (int j0 = 0; j0 < row.Length; j0 += Vector256<double>.Count)
        {
            int k0 = i + 1 + j0;
            Vector256<double> dist2 = Vector256<double>.Zero;
            for (int c = 0; c < d; c++)
            {
                var delta = Vector256.Create(axes[(c * stride) + i]) - Vector256.Create<double>(axes.AsSpan((c * stride) + k0, Vector256<double>.Count));
                dist2 = c == 0 ? delta * delta : dist2 + (delta * delta);
            }

            var j = Vector256<double>.One / Power(Vector256.Sqrt(dist2), alpha);
            var valid = Vector256.LessThan(lane + Vector256.Create((double)j0), Vector256.Create((double)used));
            Vector256.ConditionalSelect(valid, Vector256.Create(2.0) * j, Vector256<double>.Zero).CopyTo(row.Slice(j0, Vector256<double>.Count));
            Span<double> partners = maxima.AsSpan(k0, Vector256<double>.Count);
            var m = Vector256.Create<double>(partners);
            Vector256.ConditionalSelect(valid & Vector256.GreaterThan(j, m), j, m).CopyTo(partners);
            rowMax = Vector256.ConditionalSelect(valid & Vector256.GreaterThan(j, rowMax), j, rowMax);
        }

        double max = 0.0;
        for (int l = 0; l < Vector256<double>.Count; l++)
        {
            if (rowMax[l] > max)
            {
                max = rowMax[l];
            }
        }

        return max;
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
