using System.Runtime.InteropServices;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Batches;

/// <summary>
/// Compares two results of one batch bit for bit: the exact sums and the Fig. 1 snapshot, not
/// the provenance or the compute time, which differ between any two computations.
/// </summary>
public static class BatchBits
{
    /// <summary>The first part that differs, or null when the sums and the snapshot have the same bits.</summary>
    public static string? Difference(BatchResult stored, BatchResult recomputed)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(recomputed);
        SumsData a = stored.Sums;
        SumsData b = recomputed.Sums;
        return a.TimePoints != b.TimePoints ? "time points"
            : !Same<Int128>(a.Mag, b.Mag) ? "mag sums"
            : !Same<Int128>(a.Pur, b.Pur) ? "pur sums"
            : !Same<Int128>(a.MagSquares, b.MagSquares) ? "mag square sums"
            : !Same<Int128>(a.PurSquares, b.PurSquares) ? "pur square sums"
            : !Same<long>(a.BlockCounts, b.BlockCounts) ? "jackknife block counts"
            : !Same<byte>(a.JnnSum, b.JnnSum) || !Same<byte>(a.JnnSquareSum, b.JnnSquareSum) ? "J_NN ratio sums"
            : SnapshotDifference(stored.Snapshot, recomputed.Snapshot);
    }

    private static string? SnapshotDifference(SpinSnapshotData? a, SpinSnapshotData? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null ? null : "Fig. 1 snapshot (stored in one only)";
        }

        bool same = a.R == b.R && Same<int>(a.Spins, b.Spins) && Same<double>(a.T, b.T) && Same<double>(a.Curves, b.Curves)
            && Same<double>(a.HistogramTimes, b.HistogramTimes) && Same<double>(a.AtHistogramTimes, b.AtHistogramTimes)
            && Same<double>(a.NearestNeighbourCoupling, b.NearestNeighbourCoupling);
        return same ? null : "Fig. 1 snapshot";
    }

    // Byte for byte, so that doubles compare by their bits (NaN and -0 included).
    private static bool Same<T>(T[] a, T[] b)
        where T : struct
        => MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan()));
}
