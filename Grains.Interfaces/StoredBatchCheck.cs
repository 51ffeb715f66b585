namespace Sweep.Grains.Interfaces;

/// <summary>One planned batch as `sweep verify` found it in the store; <see cref="Merged"/>: its point counts it.</summary>
[GenerateSerializer]
[Immutable]
public sealed record StoredBatchCheck(
    [property: Id(0)] BatchId Id,
    [property: Id(1)] bool Merged,
    [property: Id(2)] StoredCondition Condition,
    [property: Id(3)] string? Damage);
