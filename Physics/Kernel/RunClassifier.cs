using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sweep.Physics.Kernel;

/// <summary>
/// The cell kernel's sorting of one run of partners by distance: 2J of those with
/// rLow &lt;= r &lt; rHigh are appended to a buffer in run order, and (2J scale)^2 of those at rHigh
/// or beyond are added to a running tail sum one after the other in run order. The definition is
/// the scalar loop; the vector path only decides faster which elements go where and performs the
/// same additions in the same order, so every path gives the same bits.
/// </summary>
internal static class RunClassifier
{
    /// <summary>
    /// Appends to <paramref name="buffer"/> from <paramref name="count"/> on (it must have room
    /// for all of the run) and returns the new count; element <paramref name="self"/> (if in the
    /// run) is never kept. <paramref name="tail"/> must be non-negative.
    /// </summary>
    internal static int Run(KernelPath path, ReadOnlySpan<double> r, ReadOnlySpan<double> twoJ, int self, double rLow, double rHigh, double scale, Span<double> buffer, int count, ref double tail)
    {
        int j = 0;
        if (path != KernelPath.Scalar && Vector256.IsHardwareAccelerated)
        {
            j = Run256(r, twoJ, self, rLow, rHigh, scale, buffer, ref count, ref tail);
        }

        double sum = tail;
        for (; j < r.Length; j++)
        {
            double rj = r[j];
            if (rj < rLow || j == self)
            {
                continue;
            }

            if (rj < rHigh)
            {
                buffer[count++] = twoJ[j];
            }
            else
            {
                double w = twoJ[j] * scale;
                sum += w * w;
            }
        }

        tail = sum;
        return count;
    }

    // Whole chunks of four; returns where the scalar rest begins. A chunk wholly kept is copied at
    // once; a chunk wholly closer than rLow costs two compares.
    private static int Run256(ReadOnlySpan<double> r, ReadOnlySpan<double> twoJ, int self, double rLow, double rHigh, double scale, Span<double> buffer, ref int count, ref double tail)
    {
        const int Width = 4;
        var lowV = Vector256.Create(rLow);
        var highV = Vector256.Create(rHigh);
        ref double rRef = ref MemoryMarshal.GetReference(r);
        ref double jRef = ref MemoryMarshal.GetReference(twoJ);
        double sum = tail;
        int n = count;
        int j = 0;
        for (; j + Width <= r.Length; j += Width)
        {
            var rv = Vector256.LoadUnsafe(ref rRef, (nuint)j);
            uint atLeastLow = Vector256.GreaterThanOrEqual(rv, lowV).ExtractMostSignificantBits();
            uint beyond = Vector256.GreaterThanOrEqual(rv, highV).ExtractMostSignificantBits();
            uint keep = atLeastLow & ~beyond;
            if ((uint)(self - j) < Width)
            {
                keep &= ~(1u << (self - j));
            }

            var v = Vector256.LoadUnsafe(ref jRef, (nuint)j);
            if (keep == 0xF)
            {
                v.StoreUnsafe(ref MemoryMarshal.GetReference(buffer), (nuint)n);
                n += Width;
            }
            else
            {
                for (uint bits = keep; bits != 0; bits &= bits - 1)
                {
                    buffer[n++] = twoJ[j + BitOperations.TrailingZeroCount(bits)];
                }
            }

            // The self element has r = 0 < rHigh, so it is never in the tail.
            if (beyond != 0)
            {
                sum = AddSquares(sum, v * Vector256.Create(scale), beyond);
            }
        }

        tail = sum;
        count = n;
        return j;
    }

    // sum + w_l^2 for the lanes l set in mask, in lane order, exactly as the scalar loop adds them.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double AddSquares(double sum, Vector256<double> w, uint mask)
    {
        var squares = w * w;
        for (uint bits = mask; bits != 0; bits &= bits - 1)
        {
            sum += squares.GetElement(BitOperations.TrailingZeroCount(bits));
        }

        return sum;
    }
}
