using Sweep.Physics.Kernel;

namespace Sweep.Campaigns;

/// <summary>The exact product-of-cosines kernel in double precision; it has no settings.</summary>
public sealed record ExactKernel : KernelChoice
{
    public const string KernelName = "exact";

    public static ExactKernel Instance { get; } = new();

    public override string Name => KernelName;

    public override SpinKernelChoice ToSpinKernel() => SpinKernelChoice.Exact;
}
