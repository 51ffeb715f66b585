using Sweep.Physics.Kernel;

namespace Sweep.Campaigns;

/// <summary>
/// The accelerated kernel: near pairs exactly, far pairs through a series, with mag and pur
/// within <see cref="Tolerance"/> (absolute) of the exact kernel, proven per spin and time.
/// </summary>
public sealed record AcceleratedKernel(double Tolerance) : KernelChoice
{
    public const string KernelName = "accelerated";

    public const string ToleranceKey = "tolerance";

    public const double DefaultTolerance = AcceleratedSpinProductKernel.DefaultTolerance;

    /// <summary>The accelerated kernel with the default tolerance.</summary>
    public static AcceleratedKernel WithDefaultTolerance { get; } = new(DefaultTolerance);

    public override string Name => KernelName;

    public override SpinKernelChoice ToSpinKernel() => SpinKernelChoice.Accelerated(Tolerance);
}
