using Sweep.Physics.Points;
using Sweep.Physics.Scaling;

namespace Sweep.Campaigns;

/// <summary>
/// One distinct grid point of a campaign: how many realizations it needs and which
/// observables are fitted for it, merged over every block that contains it. With a precision
/// <see cref="Target"/>, Ns is the target's maxNs: the most it may compute.
/// </summary>
public readonly record struct CampaignPoint(GridPoint Point, int Ns, ValueList<Observable> Observables)
{
    /// <summary>The precision target that chooses this point's Ns, or null for a fixed Ns.</summary>
    public SpecTarget? Target { get; init; }
}
