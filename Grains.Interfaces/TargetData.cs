using Sweep.Physics.Scaling;

namespace Sweep.Grains.Interfaces;

/// <summary>
/// A point's precision target: stop when the jackknife error of beta of every named observable
/// is at most BetaError, deciding every Step realizations from MinNs to MaxNs. The observables are
/// stored by name ("mag", "pur") through the observable codec, as string fields were.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record TargetData(
    [property: Id(0)] double BetaError,
    [property: Id(1)] Observable[] Observables,
    [property: Id(2)] int MinNs,
    [property: Id(3)] int MaxNs,
    [property: Id(4)] int Step);
