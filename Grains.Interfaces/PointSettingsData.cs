using Sweep.Physics.Time;

namespace Sweep.Grains.Interfaces;

/// <summary>
/// The campaign-wide settings that decide a point's bits: master seed, time points, time unit
/// (stored as its name, Vocabulary/TimeUnitCodec), fit window thresholds, kernel and batch size. The kernel is
/// its canonical code: "exact", or "accelerated:" and the tolerance in round-trip form
/// ("accelerated:1E-10"), so that two settings with the same kernel compare equal.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record PointSettingsData(
    [property: Id(0)] ulong Seed,
    [property: Id(1)] int TimePoints,
    [property: Id(2)] TimeUnit TimeUnit,
    [property: Id(3)] double FitUpper,
    [property: Id(4)] double FitLower,
    [property: Id(5)] string Kernel,
    [property: Id(6)] int BatchSize);
