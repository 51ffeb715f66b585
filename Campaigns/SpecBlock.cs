using Sweep.Physics.Scaling;

namespace Sweep.Campaigns;

/// <summary>
/// One block of a spec: the full product alpha x x x N in dimension d, each point with Ns
/// realizations, fitted for the given observables. A block with a precision target has
/// <see cref="Target"/> set, and Ns is then its maxNs (the most any of its points computes).
/// </summary>
public sealed record SpecBlock(
    int D,
    ValueList<double> Alpha,
    ValueList<double> X,
    ValueList<int> N,
    int Ns,
    ValueList<Observable> Observables)
{
    /// <summary>
    /// The exact ensemble accumulators (Int128 fixed point, see Physics/Ensemble/FixedPoint.cs)
    /// hold at most 2^22 realizations per point before they could overflow.
    /// </summary>
    public const int MaxNs = 1 << 22;

    /// <summary>The precision target that chooses each point's Ns, or null for a fixed Ns.</summary>
    public SpecTarget? Target { get; init; }
}
