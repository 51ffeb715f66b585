using Sweep.Campaigns;

namespace Sweep.Client.Estimate;

/// <summary>
/// The work of a campaign from scratch: grid points, realizations (plus one Fig. 1 snapshot
/// realization per point), and spin-pair-time factors N(N-1)T, the count of cosine factors the
/// kernel's products consist of.
/// </summary>
internal sealed record CampaignCost(int Points, long Realizations, long SnapshotRealizations, double Factors)
{
    public static CampaignCost Of(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        IReadOnlyList<CampaignPoint> points = CampaignGrid.Expand(spec);
        long realizations = points.Sum(p => (long)p.Ns);
        double factors = points.Sum(p => (p.Ns + 1.0) * PerRealization(p.Point.N, spec.TimePoints));
        return new CampaignCost(points.Count, realizations, points.Count, factors);
    }

    public static double PerRealization(int n, int timePoints) => (double)n * (n - 1) * timePoints;
}
