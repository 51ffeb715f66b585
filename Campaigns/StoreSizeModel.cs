using Sweep.Physics.Ensemble;
using Sweep.Physics.Points;

namespace Sweep.Campaigns;

/// <summary>
/// About how many bytes a campaign's store takes (SQLite, 64 kB pages; docs/architecture.md,
/// Storage): every batch keeps its exact sums, 34 x 16 bytes per time point (109 kB at T = 200),
/// in whole pages; every point keeps its result and the Fig. 1 snapshot's summary, which the
/// batch holding realization 0 carries too. None of it grows with N. A full disk stops a run,
/// so `sweep run` warns when the free space is below this plus <see cref="WalHeadroomBytes"/>.
/// </summary>
public static class StoreSizeModel
{
    /// <summary>What SQLite's write-ahead log may take on top of the store before it is checkpointed (about 1,000 pages of 64 kB).</summary>
    public const double WalHeadroomBytes = 64.0 * (1 << 20);

    private const double PageBytes = 64 * 1024;

    // The envelope, the batch header (ids, provenance, counts, J_NN sums) and the row's key.
    private const double BatchOverheadBytes = 1024;

    /// <summary>Bytes of the stored result of one batch on <paramref name="timePoints"/> times, in whole pages.</summary>
    public static double BatchBytes(int timePoints) => Pages(BatchPayloadBytes(timePoints));

    /// <summary>
    /// Bytes of one batch's result as written, before pages: its exact sums (34 x 16 bytes per
    /// time point) and header. Also what a cluster sends into Redis per batch: the capacity
    /// harness measured 110 to 112 kB at T = 200, where this gives 109.8 kB.
    /// </summary>
    public static double BatchPayloadBytes(int timePoints)
        => BatchOverheadBytes + (((2 * EnsembleAccumulator.Blocks) + 2) * 16.0 * timePoints);

    /// <summary>
    /// Bytes of a stored Fig. 1 snapshot (its summary, <see cref="SpinSnapshotSummary"/>): the
    /// curves of <see cref="SpinSnapshot.MaxCurves"/> spins and the t grid, 9 bytes a value in
    /// Orleans' encoding, and about 2 kB of histogram counts, couplings and ids, whatever N is
    /// (92,979 to 93,448 bytes measured from N = 1,300 to 10^6 at T = 200, where this gives 93,848).
    /// </summary>
    public static double SnapshotBytes(int timePoints) => 2048 + (9.0 * (SpinSnapshot.MaxCurves + 1) * timePoints);

    /// <summary>
    /// Bytes of one point's own state once finished, in whole pages: the averaged curves and their
    /// errors (about 40 bytes per time point), the fits, and the Fig. 1 snapshot (its result refers
    /// to the same snapshot, which is stored once). Measured 102.5 kB at T = 200 for N = 100 and 2,000.
    /// </summary>
    public static double PointBytes(int timePoints)
        => Pages(4096 + SnapshotBytes(timePoints) + (40.0 * timePoints));

    /// <summary>The batch holding realization 0, which carries the snapshot beside its sums, in whole pages (measured 202.4 kB at T = 200).</summary>
    public static double FirstBatchBytes(int timePoints) => Pages(BatchPayloadBytes(timePoints) + SnapshotBytes(timePoints));

    /// <summary>The whole store of a spec computed from scratch.</summary>
    public static double Bytes(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double batch = BatchBytes(spec.TimePoints);
        double first = FirstBatchBytes(spec.TimePoints);
        double point = PointBytes(spec.TimePoints);
        return CampaignGrid.Expand(spec).Sum(p => ((SpecLimits.Batches(p, spec.BatchSize) - 1) * batch) + first + point);
    }

    private static double Pages(double bytes) => Math.Ceiling(bytes / PageBytes) * PageBytes;
}
