using Sweep.Physics.Points;
using Sweep.Physics.Scaling;

namespace Sweep.Campaigns;

/// <summary>
/// One distinct grid point of a campaign: how many realizations it needs and which
/// observables are fitted for it, merged over every block that contains it.
/// </summary>
public readonly record struct CampaignPoint(GridPoint Point, int Ns, ValueList<Observable> Observables);
