using Sweep.Physics.Analytic;
using Sweep.Physics.Couplings;
using Sweep.Physics.Kernel;
using Sweep.Physics.Time;

namespace Sweep.Physics.Points;

/// <summary>
/// The single-spin data of one realization behind the paper's Fig. 1: P_i(t) on the t grid for
/// a few spins (<see cref="Spins"/>, curve s at Curves[s * T.Length + k]), P_i of every spin at
/// the <see cref="HistogramTimes"/> (time h at AtHistogramTimes[h * N + i]), and each spin's
/// largest coupling max_k J_ik divided by J_NN,inf (<see cref="NearestNeighbourCoupling"/>), so
/// it is dimensionless like t. Times are in the point's time unit.
/// </summary>
public sealed record SpinSnapshot(
    long R,
    int[] Spins,
    double[] T,
    double[] Curves,
    double[] HistogramTimes,
    double[] AtHistogramTimes,
    double[] NearestNeighbourCoupling)
{
    /// <summary>At most this many single-spin curves: the paper's Fig. 1 shows 50.</summary>
    public const int MaxCurves = 50;

    /// <summary>The realization the snapshot is taken from: every batch plan contains it.</summary>
    public const long Realization = 0;

    /// <summary>The paper's histogram times, t = 1, 3, 10.</summary>
    public static IReadOnlyList<double> DefaultHistogramTimes { get; } = [1.0, 3.0, 10.0];

    /// <summary>Number of spins of the realization.</summary>
    public int N => NearestNeighbourCoupling.Length;

    /// <summary>
    /// Computes the snapshot of realization <see cref="Realization"/>. It evaluates the kernel
    /// afresh instead of reusing the ensemble pass, so the ensemble sums keep their bits.
    /// </summary>
    public static SpinSnapshot Compute(GridPoint point, ulong campaignSeed, ReadOnlySpan<double> t, TimeUnit unit, KernelPath path, int maxCurves = MaxCurves)
    {
        CouplingMatrix couplings = Points.Realization.Couplings(point, campaignSeed, Realization);
        double jnnInf = ThermodynamicLimit.JnnInf(point.D, point.Alpha, point.N);
        double[] nn = couplings.NearestNeighbourCouplings.ToArray();
        for (int i = 0; i < nn.Length; i++)
        {
            nn[i] /= jnnInf;
        }

        int[] spins = ChooseSpins(nn, maxCurves);
        double[] tau = Points.Realization.Tau(point, couplings, t, unit);
        var curves = new double[spins.Length * t.Length];
        SpinProductKernel.Evaluate(couplings, tau, new double[t.Length], new double[t.Length], spins, curves, path);

        double[] times = [.. DefaultHistogramTimes];
        double[] histogramTau = Points.Realization.Tau(point, couplings, times, unit);
        var at = new double[times.Length * point.N];
        for (int h = 0; h < times.Length; h++)
        {
            SpinProductKernel.SpinProducts(couplings, histogramTau[h], at.AsSpan(h * point.N, point.N), path);
        }

        return new SpinSnapshot(Realization, spins, t.ToArray(), curves, times, at, nn);
    }

    /// <summary>
    /// Up to <paramref name="max"/> spins evenly spaced in rank of their nearest-neighbour
    /// coupling (ties by index), so the curves span the weakest to the strongest coupled spin;
    /// returned in rank order. All spins when there are no more than max.
    /// </summary>
    public static int[] ChooseSpins(IReadOnlyList<double> nearestNeighbourCoupling, int max)
    {
        ArgumentNullException.ThrowIfNull(nearestNeighbourCoupling);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        int n = nearestNeighbourCoupling.Count;
        int[] byRank = Enumerable.Range(0, n)
            .OrderBy(i => nearestNeighbourCoupling[i])
            .ThenBy(i => i)
            .ToArray();
        if (n <= max)
        {
            return byRank;
        }

        var chosen = new int[max];
        for (int s = 0; s < max; s++)
        {
            // Integer arithmetic keeps the choice identical on every machine.
            chosen[s] = byRank[(int)((long)s * (n - 1) / (max - 1))];
        }

        return chosen;
    }
}
