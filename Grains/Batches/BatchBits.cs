using System.Runtime.InteropServices;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Points;

namespace Sweep.Grains.Batches;

/// <summary>
/// Compares two results of one batch bit for bit: the exact sums and the Fig. 1 snapshot (by what
/// the figure draws, whichever form each is stored in), not the provenance or the compute time,
/// which differ between any two computations.
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

    // By summary: a batch stored whole by an older build and the same batch computed again now
    // (stored as a summary) hold the same Fig. 1, and so the same bits of what Fig. 1 draws.
    private static string? SnapshotDifference(SpinSnapshotData? a, SpinSnapshotData? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null ? null : "Fig. 1 snapshot (stored in one only)";
        }

        SpinSnapshotSummary x = a.Summary();
        SpinSnapshotSummary y = b.Summary();
        bool same = x.R == y.R && x.N == y.N && Same<int>(x.Spins, y.Spins) && Same<double>(x.T, y.T) && Same<double>(x.Curves, y.Curves)
            && Same<double>(x.SpinCouplings, y.SpinCouplings) && Same<double>([x.WeakestCoupling, x.StrongestCoupling], [y.WeakestCoupling, y.StrongestCoupling])
            && Same<double>(x.HistogramTimes, y.HistogramTimes) && Same<int>(x.MagCounts, y.MagCounts) && Same<int>(x.PurCounts, y.PurCounts);
        return same ? null : "Fig. 1 snapshot";
    }

    // Byte for byte, so that doubles compare by their bits (NaN and -0 included).
    private static bool Same<T>(T[] a, T[] b)
        where T : struct
        => MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan()));
}
