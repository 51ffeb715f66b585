namespace Sweep.Grains.Interfaces;

/// <summary>
/// A grid point's stored state and batches as `sweep verify` found them: the damage of the
/// point's own stored state (null when intact), the settings its batches are computed with,
/// whether it is finished, and each planned batch (none when the state is damaged and not yet
/// rebuilt: the plan was in it).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record StoredPointCheck(
    [property: Id(0)] PointKey Key,
    [property: Id(1)] string? StateDamage,
    [property: Id(2)] PointSettingsData? Settings,
    [property: Id(3)] bool Finished,
    [property: Id(4)] StoredBatchCheck[] Batches);
