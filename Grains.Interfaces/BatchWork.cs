namespace Sweep.Grains.Interfaces;

/// <summary>
/// One batch to compute, with the settings it needs and the attempt number (1-based).
/// <see cref="MayBeStored"/> is false only for a batch its point planned and dispatches for the
/// first time: such a batch has no stored result, so a silo computes it without looking in the
/// batch store. Anything else (a resumed point, a re-dispatch, a lease that lapsed) may have been
/// computed and stored already, and a stored result of the same settings is reported instead.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record BatchWork(
    [property: Id(0)] BatchId Id,
    [property: Id(1)] PointSettingsData Settings,
    [property: Id(2)] int Attempt,
    [property: Id(3)] bool MayBeStored = true);
