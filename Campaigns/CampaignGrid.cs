using Sweep.Physics.Points;
using Sweep.Physics.Scaling;

namespace Sweep.Campaigns;

/// <summary>Turns a spec's blocks into the distinct grid points to compute.</summary>
public static class CampaignGrid
{
    /// <summary>
    /// Every distinct point of the spec, sorted by d, alpha, x, N. A point in several blocks
    /// gets the largest Ns among them (realizations are shared: realization r is the same
    /// whichever block asks for it) and the union of their observables.
    /// </summary>
    public static IReadOnlyList<CampaignPoint> Expand(CampaignSpec spec)
    {
        // Keyed by the point itself: alpha and x are validated finite and positive, so value
        // equality is equality of bit patterns (6 and 6.000000000000001 are different points).
        var merged = new Dictionary<GridPoint, CampaignPoint>();
        foreach (SpecBlock block in spec.Blocks)
        {
            foreach (double alpha in block.Alpha)
            {
                foreach (double x in block.X)
                {
                    foreach (int n in block.N)
                    {
                        var point = new GridPoint(block.D, alpha, x, n);
                        merged[point] = merged.TryGetValue(point, out CampaignPoint existing)
                            ? new CampaignPoint(point, Math.Max(existing.Ns, block.Ns), new ValueList<Observable>(ObservableNames.Union(existing.Observables, block.Observables)))
                            : new CampaignPoint(point, block.Ns, block.Observables);
                    }
                }
            }
        }

        return merged.Values
            .OrderBy(p => p.Point.D)
            .ThenBy(p => p.Point.Alpha)
            .ThenBy(p => p.Point.X)
            .ThenBy(p => p.Point.N)
            .ToArray();
    }

}
