using Sweep.Physics.Scaling;

namespace Sweep.Grains.Interfaces;

/// <summary>
/// What a grid point must compute: Ns realizations under the campaign's settings, or, with a
/// precision target, as many as the target asks (Ns is then its maxNs).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record PointAssignment(
    [property: Id(0)] PointKey Key,
    [property: Id(1)] PointSettingsData Settings,
    [property: Id(2)] int Ns,
    [property: Id(3)] Observable[] Observables,
    [property: Id(20)] TargetData? Target = null);
