using Sweep.Physics.Time;
using Sweep.Physics.Kernel;

namespace Sweep.Grains.Interfaces;

/// <summary>
/// The campaign-wide settings that decide a point's bits: master seed, time points, time unit,
/// fit window thresholds, kernel and batch size. The time unit and the kernel travel
/// and are stored as their canonical names (Vocabulary/), as the strings of earlier builds were.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record PointSettingsData(
    [property: Id(0)] ulong Seed,
    [property: Id(1)] int TimePoints,
    [property: Id(2)] TimeUnit TimeUnit,
    [property: Id(3)] double FitUpper,
    [property: Id(4)] double FitLower,
    [property: Id(5)] SpinKernelChoice Kernel,
    [property: Id(6)] int BatchSize);
