using Sweep.Physics.Couplings;

namespace Sweep.Physics.Kernel;

/// <summary>
/// The exact spin-product kernel: P_i(tau) = prod_{k != i} cos(2 J_ik tau), and per tau the
/// realization's mag = (1/N) sum_i P_i and pur = (1/N) sum_i P_i^2. PLACEHOLDER: being implemented.
/// </summary>
public static class SpinProductKernel
{
    /// <summary>The fastest path this machine supports.</summary>
    public static KernelPath BestPath => throw new NotImplementedException();

    /// <summary>True when this machine can run the path.</summary>
    public static bool IsSupported(KernelPath path) => throw new NotImplementedException();

    /// <summary>
    /// mag[k] and pur[k] at each tau[k]. When <paramref name="spins"/> is not empty, P_i of those
    /// spins at each tau go to spinCurves[s * tau.Length + k].
    /// </summary>
    public static void Evaluate(CouplingMatrix couplings, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur, ReadOnlySpan<int> spins, Span<double> spinCurves, KernelPath path)
        => throw new NotImplementedException();

    /// <summary>mag and pur on the best path, without spin curves.</summary>
    public static void Evaluate(CouplingMatrix couplings, ReadOnlySpan<double> tau, Span<double> mag, Span<double> pur)
        => Evaluate(couplings, tau, mag, pur, ReadOnlySpan<int>.Empty, Span<double>.Empty, BestPath);

    /// <summary>P_i of every spin at one tau.</summary>
    public static void SpinProducts(CouplingMatrix couplings, double tau, Span<double> p, KernelPath path)
        => throw new NotImplementedException();
}
