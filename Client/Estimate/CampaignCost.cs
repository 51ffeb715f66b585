using Sweep.Campaigns;

namespace Sweep.Client.Estimate;

/// <summary>
/// The work of a campaign from scratch: grid points, realizations (plus one Fig. 1 snapshot
/// realization per point), and spin-pair-time factors N(N-1)T, the count of cosine factors the
/// kernel's products consist of. A point with a precision target computes between its minNs
/// and its maxNs realizations: <paramref name="Fewest"/> costs every such point at minNs.
/// </summary>
internal sealed record CampaignCost(int Points, long Realizations, long SnapshotRealizations, double Factors)
{
    public static CampaignCost Of(CampaignSpec spec, bool fewest = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        IReadOnlyList<CampaignPoint> points = CampaignGrid.Expand(spec);
        long realizations = points.Sum(p => (long)NsOf(p, fewest));
        double factors = points.Sum(p => (NsOf(p, fewest) + 1.0) * PerRealization(p.Point.N, spec.TimePoints));
        return new CampaignCost(points.Count, realizations, points.Count, factors);
    }

    /// <summary>A point's Ns: its fixed Ns, or its target's minNs (fewest) or maxNs.</summary>
    public static int NsOf(CampaignPoint p, bool fewest) => fewest && p.Target is { } t ? t.MinNs : p.Ns;

    public static double PerRealization(int n, int timePoints) => (double)n * (n - 1) * timePoints;
}
