using Sweep.Physics.Kernel;

namespace Sweep.Grains.Interfaces;

/// <summary>Where a stored result came from: program version, kernel and path, settings, machine, time (UTC).</summary>
[GenerateSerializer]
[Immutable]
public sealed record Provenance(
    [property: Id(0)] string ProgramVersion,
    [property: Id(1)] SpinKernelChoice Kernel,
    [property: Id(2)] string KernelPath,
    [property: Id(3)] PointSettingsData Settings,
    [property: Id(4)] string Host,
    [property: Id(5)] DateTimeOffset ComputedAt);
