using Sweep.Physics.Couplings;

namespace Sweep.Physics.Kernel;

/// <summary>
/// The argument checks every spin-product kernel shares, so that the exact and the accelerated
/// kernel refuse the same calls with the same messages.
/// </summary>
internal static class KernelArguments
{
    /// <summary>Checks a mag/pur evaluation and returns N.</summary>
    internal static int Check(CouplingMatrix couplings, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur, ReadOnlySpan<int> spins, Span<double> spinCurves, KernelPath path)
    {
        ArgumentNullException.ThrowIfNull(couplings);
        int n = couplings.N;
        RequireSpins(n);
        if (mag.Length != tau.Length)
        {
            throw new ArgumentException($"mag has length {mag.Length} but tau has {tau.Length}; they must match", nameof(mag));
        }

        if (pur.Length != tau.Length)
        {
            throw new ArgumentException($"pur has length {pur.Length} but tau has {tau.Length}; they must match", nameof(pur));
        }

        if (spinCurves.Length != (long)spins.Length * tau.Length)
        {
            throw new ArgumentException($"spinCurves has length {spinCurves.Length} but must hold spins.Length x tau.Length = {(long)spins.Length * tau.Length}", nameof(spinCurves));
        }

        foreach (int s in spins)
        {
            if (s < 0 || s >= n)
            {
                throw new ArgumentOutOfRangeException(nameof(spins), s, $"spin index must lie in [0, {n})");
            }
        }

        RequireFinite(tau);
        RequirePath(path);
        return n;
    }

    internal static void RequireSpins(int n)
    {
        if (n < 1)
        {
            throw new ArgumentException("the couplings hold no spins; mag and pur need at least one", "couplings");
        }
    }

    internal static void RequireFinite(ReadOnlySpan<double> tau)
    {
        for (int k = 0; k < tau.Length; k++)
        {
            if (!double.IsFinite(tau[k]))
            {
                throw new ArgumentException($"tau[{k}] = {tau[k]} is not finite", nameof(tau));
            }
        }
    }

    internal static void RequirePath(KernelPath path)
    {
        if (!Enum.IsDefined(path))
        {
            throw new ArgumentOutOfRangeException(nameof(path), path, "unknown kernel path");
        }

        if (!SpinProductKernel.IsSupported(path))
        {
            throw new PlatformNotSupportedException($"kernel path {path} is not supported on this machine");
        }
    }
}
