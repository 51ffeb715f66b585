namespace Sweep.Grains.Interfaces;

/// <summary>One batch to compute, with the settings it needs and the attempt number (1-based).</summary>
[GenerateSerializer]
[Immutable]
public sealed record BatchWork(
    [property: Id(0)] BatchId Id,
    [property: Id(1)] PointSettingsData Settings,
    [property: Id(2)] int Attempt);
