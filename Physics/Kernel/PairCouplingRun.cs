using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Sweep.Physics.Couplings;

namespace Sweep.Physics.Kernel;

/// <summary>
/// Distances and couplings from one spin to a run of consecutive spins in structure-of-arrays
/// form: r = sqrt(dx^2 + dy^2 + dz^2) (products and sums in that order, no fused operations)
/// and 2J = 2 (1 / r^alpha) with r^alpha by repeated squaring, exactly the operations of
/// <see cref="Couplings.CouplingMatrix"/> for integer alpha. Every lane is computed on its own
/// with correctly rounded IEEE operations, so the scalar and vector paths give the same bits.
/// </summary>
internal static class PairCouplingRun
{
    // The distances to the eight slots from start on, each lane as the scalar path computes it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Distances512(int d, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, ReadOnlySpan<double> zs, int start, double px, double py, double pz)
    {
        var dx = Vector512.Create(px) - Vector512.Create(xs.Slice(start, 8));
        var dist2 = dx * dx;
        if (d > 1)
        {
            var dy = Vector512.Create(py) - Vector512.Create(ys.Slice(start, 8));
            dist2 += dy * dy;
        }

        if (d > 2)
        {
            var dz = Vector512.Create(pz) - Vector512.Create(zs.Slice(start, 8));
            dist2 += dz * dz;
        }

        return Vector512.Sqrt(dist2);
    }

    /// <summary>Fills r[j] and twoJ[j] for slots first + j, j &lt; last - first; alpha is a positive integer.</summary>
    internal static void Run(KernelPath path, int d, int alpha, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, ReadOnlySpan<double> zs, int first, int last, double px, double py, double pz, Span<double> r, Span<double> twoJ)
    {
        int count = last - first;
        int j = 0;
        if (path == KernelPath.Avx512)
        {
            for (; j + 8 <= count; j += 8)
            {
                var rv = Distances512(d, xs, ys, zs, first + j, px, py, pz);
                rv.CopyTo(r.Slice(j));
                (Vector512.Create(2.0) * (Vector512<double>.One / Power(rv, alpha))).CopyTo(twoJ.Slice(j));
            }

            // A short rest reads a whole chunk past the run's end when the arrays allow (lanes are
            // independent, so the kept lanes have the scalar bits) and keeps only its own lanes.
            if (j < count && first + j + 8 <= xs.Length)
            {
                Span<double> rest = stackalloc double[16];
                var rv = Distances512(d, xs, ys, zs, first + j, px, py, pz);
                rv.CopyTo(rest);
                (Vector512.Create(2.0) * (Vector512<double>.One / Power(rv, alpha))).CopyTo(rest.Slice(8));
                rest.Slice(0, count - j).CopyTo(r.Slice(j));
                rest.Slice(8, count - j).CopyTo(twoJ.Slice(j));
                j = count;
            }
        }
        else if (path == KernelPath.Avx2)
        {
            for (; j + 4 <= count; j += 4)
            {
                var dx = Vector256.Create(px) - Vector256.Create(xs.Slice(first + j, 4));
                var dist2 = dx * dx;
                if (d > 1)
                {
                    var dy = Vector256.Create(py) - Vector256.Create(ys.Slice(first + j, 4));
                    dist2 += dy * dy;
                }

                if (d > 2)
                {
                    var dz = Vector256.Create(pz) - Vector256.Create(zs.Slice(first + j, 4));
                    dist2 += dz * dz;
                }

                var rv = Vector256.Sqrt(dist2);
                rv.CopyTo(r.Slice(j));
                (Vector256.Create(2.0) * (Vector256<double>.One / Power(rv, alpha))).CopyTo(twoJ.Slice(j));
            }
        }

        for (; j < count; j++)
        {
            double delta = px - xs[first + j];
            double dist2 = delta * delta;
            if (d > 1)
            {
                delta = py - ys[first + j];
                dist2 += delta * delta;
            }

            if (d > 2)
            {
                delta = pz - zs[first + j];
                dist2 += delta * delta;
            }

            double rj = Math.Sqrt(dist2);
            r[j] = rj;
            twoJ[j] = 2.0 * (1.0 / IntegerPower.Of(rj, alpha));
        }
    }

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
