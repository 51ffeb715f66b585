using Sweep.Physics.Kernel;

namespace Sweep.Campaigns;

/// <summary>
/// The accelerated kernel: near pairs exactly, far pairs through a series, with mag and pur
/// within <see cref="Tolerance"/> (absolute) of the exact kernel, proven per spin and time.
/// <see cref="Version"/> 1 keeps the coupling matrix (O(N^2) memory); version 2 is identical
/// below <see cref="CellSpinProductKernel.MinSpins"/> spins and from there on computes from
/// positions with a cell list in O(N) memory (docs/kernel-bound.md). Versions give different
/// bits, so the version is part of the kernel's identity: a stored campaign keeps its own.
/// </summary>
public sealed record AcceleratedKernel(double Tolerance, int Version = AcceleratedKernel.FirstVersion) : KernelChoice
{
    public const string KernelName = "accelerated";

    public const string ToleranceKey = "tolerance";

    /// <summary>The spec key of the version; a kernel object without it is version 1, as every spec stored before versions existed.</summary>
    public const string VersionKey = "version";

    public const int FirstVersion = 1;

    public const int LatestVersion = SpinKernelChoice.LatestAcceleratedVersion;

    public const double DefaultTolerance = AcceleratedSpinProductKernel.DefaultTolerance;

    /// <summary>The accelerated kernel of version 1 with the default tolerance (what "accelerated" without a version names).</summary>
    public static AcceleratedKernel WithDefaultTolerance { get; } = new(DefaultTolerance);

    /// <summary>The latest version with the default tolerance: the kernel of a spec without a "kernel" key.</summary>
    public static AcceleratedKernel Latest { get; } = new(DefaultTolerance, LatestVersion);

    public override string Name => KernelName;

    public override SpinKernelChoice ToSpinKernel() => SpinKernelChoice.Accelerated(Tolerance, Version);
}
