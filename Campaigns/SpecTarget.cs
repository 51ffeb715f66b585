using Sweep.Physics.Precision;
using Sweep.Physics.Scaling;

namespace Sweep.Campaigns;

/// <summary>
/// A block's precision target instead of a fixed Ns (docs/campaign-spec.md, "Precision
/// targets"): realizations are added until the jackknife error of beta of every named
/// observable is at most BetaError, deciding every Step realizations from MinNs to MaxNs.
/// </summary>
public sealed record SpecTarget(double BetaError, ValueList<Observable> Observables, int MinNs, int MaxNs, int Step)
{
    /// <summary>The fewest realizations a decision may use: one per jackknife block.</summary>
    public const int SmallestMinNs = 16;

    /// <summary>The stopping rule's form of this target.</summary>
    public PrecisionTarget ToPrecisionTarget()
    {
        return new PrecisionTarget(BetaError, [.. Observables], MinNs, MaxNs, Step);
    }

    /// <summary>
    /// One target for a point that several target blocks (with the same step) share: the tightest
    /// of each, so every block's demand is met.
    /// </summary>
    public SpecTarget Tightest(SpecTarget other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new SpecTarget(
            Math.Min(BetaError, other.BetaError),
            new ValueList<Observable>(ObservableNames.Union(Observables, other.Observables)),
            Math.Max(MinNs, other.MinNs),
            Math.Max(MaxNs, other.MaxNs),
            Step);
    }

    /// <summary>
    /// This target for a point that fixed-Ns blocks also ask <paramref name="ns"/> realizations of:
    /// minNs rises to the first checkpoint at or above ns (and maxNs with it if needed).
    /// </summary>
    public SpecTarget WithFloor(int ns)
    {
        if (ns <= MinNs)
        {
            return this;
        }

        int floor = (int)(((long)ns + Step - 1) / Step * Step);
        return this with { MinNs = floor, MaxNs = Math.Max(MaxNs, floor) };
    }
}
