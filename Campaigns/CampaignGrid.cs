using Sweep.Physics.Points;
using Sweep.Physics.Scaling;

namespace Sweep.Campaigns;

/// <summary>Turns a spec's blocks into the distinct grid points to compute.</summary>
public static class CampaignGrid
{
    /// <summary>
    /// Every distinct point of the spec, sorted by d, alpha, x, N. A point in several blocks
    /// gets the largest Ns among them (realizations are shared: realization r is the same
    /// whichever block asks for it) and the union of their observables. A point in target
    /// blocks gets the tightest of their targets (<see cref="SpecTarget.Tightest"/>), with minNs
    /// raised to the largest Ns of its fixed-Ns blocks (<see cref="SpecTarget.WithFloor"/>).
    /// </summary>
    public static IReadOnlyList<CampaignPoint> Expand(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);

        // Keyed by the point itself: alpha and x are validated finite and positive, so value
        // equality is equality of bit patterns (6 and 6.000000000000001 are different points).
        var merged = new Dictionary<GridPoint, CampaignPoint>();
        var fixedNs = new Dictionary<GridPoint, int>();
        var targets = new Dictionary<GridPoint, SpecTarget>();
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
                        if (block.Target is { } target)
                        {
                            targets[point] = targets.TryGetValue(point, out SpecTarget? other) ? other.Tightest(target) : target;
                        }
                        else
                        {
                            fixedNs[point] = Math.Max(fixedNs.GetValueOrDefault(point), block.Ns);
                        }
                    }
                }
            }
        }

        foreach ((GridPoint key, SpecTarget target) in targets)
        {
            SpecTarget floored = target.WithFloor(fixedNs.GetValueOrDefault(key));
            merged[key] = merged[key] with { Ns = floored.MaxNs, Target = floored };
        }

        return merged.Values
            .OrderBy(p => p.Point.D)
            .ThenBy(p => p.Point.Alpha)
            .ThenBy(p => p.Point.X)
            .ThenBy(p => p.Point.N)
            .ToArray();
    }

    /// <summary>
    /// A point in several target blocks must have one checkpoint grid: one problem per pair of
    /// blocks whose targets share a point but not a step, naming the later block's step.
    /// </summary>
    internal static IEnumerable<(int Block, string Problem)> StepConflicts(IReadOnlyList<SpecBlock> blocks)
    {
        var steps = new Dictionary<GridPoint, (int Block, int Step)>();
        var reported = new HashSet<(int, int)>();
        for (int i = 0; i < blocks.Count; i++)
        {
            if (blocks[i].Target is not { } target)
            {
                continue;
            }

            foreach (GridPoint point in Points(blocks[i]))
            {
                if (!steps.TryGetValue(point, out var first))
                {
                    steps[point] = (i, target.Step);
                }
                else if (first.Step != target.Step && reported.Add((first.Block, i)))
                {
                    yield return (i, $"differs from blocks[{first.Block}]'s step {first.Step} (got {target.Step}) at point {point}: a point has one checkpoint grid");
                }
            }
        }
    }

    private static IEnumerable<GridPoint> Points(SpecBlock block) =>
        from alpha in block.Alpha from x in block.X from n in block.N select new GridPoint(block.D, alpha, x, n);
}
