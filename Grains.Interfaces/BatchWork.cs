namespace Sweep.Grains.Interfaces;

/// <summary>
/// One batch to compute, with the settings it needs and the attempt number (1-based).
/// <see cref="MayBeStored"/> is false only for a batch its point planned and dispatches for the
/// first time: such a batch has no stored result, so a silo computes it without looking in the
/// batch store. Anything else (a resumed point, a re-dispatch, a lease that lapsed) may have been
/// computed and stored already, and a stored result of the same settings is reported instead.
/// <see cref="Speculative"/> marks a batch past its point's next undecided checkpoint (a
/// precision target may stop the point before it): the dispatcher leases it only when no other
/// batch waits.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record BatchWork(
    [property: Id(0)] BatchId Id,
    [property: Id(1)] PointSettingsData Settings,
    [property: Id(2)] int Attempt,
    [property: Id(3)] bool MayBeStored = true,
    [property: Id(4)] bool Speculative = false);
