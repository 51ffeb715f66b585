using System.Runtime.Intrinsics;

namespace Sweep.Physics.Ensemble;

/// <summary>
/// Fixed-point sums (<see cref="FixedPoint"/>) added four values at a time and folded into the
/// Int128 sums later. A 2-spin realization spent half its time converting its 4 T values one by
/// one to Int128 (a branchy conversion and a carry chain per value). Here each value's integer
/// R = round(v 2^104) is split exactly into R = H 2^52 + L with 0 &lt;= L &lt; 2^52, both
/// converted and added as 64-bit lanes. The integer sums are the same as adding every R to the
/// Int128 directly, so the stored bits do not change.
/// </summary>
internal sealed class FixedPointStaging
{
    /// <summary>
    /// Adds before the lanes must be folded: |H| &lt;= 2^52 and L &lt; 2^52, so 2^11 of them stay
    /// below 2^63.
    /// </summary>
    internal const int MaxAdds = 1 << 11;

    private static readonly Vector256<double> Scale = Vector256.Create(Math.ScaleB(1.0, FixedPoint.FractionBits));
    private static readonly Vector256<double> LowUnit = Vector256.Create(Math.ScaleB(1.0, 52));
    private static readonly Vector256<double> InverseLowUnit = Vector256.Create(Math.ScaleB(1.0, -52));

    private readonly long[] _high;
    private readonly long[] _low;

    internal FixedPointStaging(int length)
    {
        _high = new long[length];
        _low = new long[length];
    }

    /// <summary>True when the vector path is available on this machine.</summary>
    internal static bool IsSupported => Vector256.IsHardwareAccelerated;

    /// <summary>
    /// Stages the fixed-point values of values[0 .. 4m) (their squares when
    /// <paramref name="square"/>) at slots offset + k, and returns 4m, the count staged: the
    /// caller adds the rest directly. Stops early, returning a multiple of 4, at a chunk with a
    /// value outside [-1, 1] (or NaN), which the caller's direct add then rejects.
    /// </summary>
    internal int Add(ReadOnlySpan<double> values, int offset, bool square)
    {
        int count = values.Length - (values.Length % Vector256<double>.Count);
        Span<long> high = _high.AsSpan(offset, values.Length);
        Span<long> low = _low.AsSpan(offset, values.Length);
        for (int k = 0; k < count; k += Vector256<double>.Count)
        {
            var v = Vector256.Create(values.Slice(k, Vector256<double>.Count));
            if (square)
            {
                v *= v;
            }

            if (!Vector256.LessThanOrEqualAll(Vector256.Abs(v), Vector256<double>.One))
            {
                return k;
            }

            // s = R exactly (a power-of-two scale, then round half to even as FixedPoint does);
            // h = floor(s / 2^52) and l = s - h 2^52 are exact too (l is an integer below 2^52).
            var s = Vector256.Round(v * Scale);
            var h = Vector256.Floor(s * InverseLowUnit);
            var l = s - (h * LowUnit);
            (Vector256.Create<long>(high.Slice(k, Vector256<long>.Count)) + ExactIntegerLanes.FromWithin2To52(h)).CopyTo(high.Slice(k, Vector256<long>.Count));
            (Vector256.Create<long>(low.Slice(k, Vector256<long>.Count)) + ExactIntegerLanes.FromBelow2To52(l)).CopyTo(low.Slice(k, Vector256<long>.Count));
        }

        return count;
    }

    /// <summary>Adds the staged sums into <paramref name="sums"/> and clears them.</summary>
    internal void FoldInto(Int128[] sums)
    {
        for (int i = 0; i < sums.Length; i++)
        {
            sums[i] += ((Int128)_high[i] << 52) + _low[i];
        }

        Array.Clear(_high);
        Array.Clear(_low);
    }
}
