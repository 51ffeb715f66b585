using Sweep.Physics.Ensemble;

namespace Sweep.Campaigns;

/// <summary>
/// About how many bytes a campaign's store takes (SQLite, 64 kB pages; docs/architecture.md,
/// Storage): every batch keeps its exact sums, 34 x 16 bytes per time point (109 kB at T = 200),
/// in whole pages; every point keeps its result and the Fig. 1 snapshot. A full disk stops a run,
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
    /// Bytes of one point's own state once finished: the averaged curves and their errors (about
    /// 40 bytes per time point), the fits, and the Fig. 1 snapshot (the spin curves of a few spins
    /// and every spin's P_i at three times, 24 bytes per spin), in whole pages.
    /// </summary>
    public static double PointBytes(int n, int timePoints)
        => Pages(4096 + (64 * 8.0 * timePoints) + (40.0 * timePoints) + (24.0 * n));

    /// <summary>The whole store of a spec computed from scratch.</summary>
    public static double Bytes(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double batch = BatchBytes(spec.TimePoints);
        return CampaignGrid.Expand(spec).Sum(p => (SpecLimits.Batches(p, spec.BatchSize) * batch) + PointBytes(p.Point.N, spec.TimePoints));
    }

    private static double Pages(double bytes) => Math.Ceiling(bytes / PageBytes) * PageBytes;
}
