using Sweep.Physics.Points;

namespace Sweep.Grains.Interfaces;

/// <summary>
/// The Fig. 1 single-spin data of realization R of a point, as stored, in one of two forms.
/// Both hold P_i(t) on the point's t grid for the plotted spins (curve s at
/// Curves[s * T.Length + k]) and the histogram times; times are in the campaign's time unit and
/// couplings in units of J_NN,inf.
/// <list type="bullet">
/// <item>The summary (written since issue 14): <see cref="SpinCount"/>, the plotted spins'
/// couplings, the weakest and strongest positive coupling, and the histogram counts
/// (<see cref="SpinSnapshotSummary"/>); the per-spin fields below are empty. About 93 kB at
/// T = 200 whatever N is.</item>
/// <item>The full form (stored by older builds, still read): P_i of all N spins at the histogram
/// times (time h at AtHistogramTimes[h * N + i]) and every spin's largest coupling; the fields
/// from Id 7 on are absent. About 36 bytes per spin.</item>
/// </list>
/// Fields are only ever added with new Ids, so payloads of either form keep reading.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record SpinSnapshotData(
    [property: Id(0)] long R,
    [property: Id(1)] int[] Spins,
    [property: Id(2)] double[] T,
    [property: Id(3)] double[] Curves,
    [property: Id(4)] double[] HistogramTimes,
    [property: Id(5)] double[] AtHistogramTimes,
    [property: Id(6)] double[] NearestNeighbourCoupling,
    [property: Id(7)] int SpinCount = 0,
    [property: Id(8)] double[]? SpinCouplings = null,
    [property: Id(9)] double WeakestCoupling = double.NaN,
    [property: Id(10)] double StrongestCoupling = double.NaN,
    [property: Id(11)] int[]? MagCounts = null,
    [property: Id(12)] int[]? PurCounts = null)
{
    /// <summary>True for the summary form, false for a full snapshot stored by an older build.</summary>
    public bool IsSummary => SpinCouplings is not null && MagCounts is not null && PurCounts is not null;

    /// <summary>Number of spins of the realization.</summary>
    public int N => IsSummary ? SpinCount : NearestNeighbourCoupling.Length;

    /// <summary>What Fig. 1 draws, from either form: the same for a full snapshot and for its summary.</summary>
    public SpinSnapshotSummary Summary()
        => IsSummary
            ? new SpinSnapshotSummary(R, SpinCount, Spins, T, Curves, SpinCouplings!, WeakestCoupling, StrongestCoupling, HistogramTimes, MagCounts!, PurCounts!)
            : SpinSnapshotSummary.Of(R, Spins, T, Curves, HistogramTimes, AtHistogramTimes, NearestNeighbourCoupling);

    /// <summary>This snapshot in the summary form (itself if it is one already).</summary>
    public SpinSnapshotData Summarized() => IsSummary ? this : From(Summary());

    /// <summary>The stored (summary) form of a summary.</summary>
    public static SpinSnapshotData From(SpinSnapshotSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new SpinSnapshotData(
            summary.R, summary.Spins, summary.T, summary.Curves, summary.HistogramTimes, [], [],
            summary.N, summary.SpinCouplings, summary.WeakestCoupling, summary.StrongestCoupling, summary.MagCounts, summary.PurCounts);
    }
}
