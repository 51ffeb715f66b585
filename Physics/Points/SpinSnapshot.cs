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
    /// afresh instead of reusing the ensemble pass, so the ensemble sums keep their bits: the exact
    /// kernel below <see cref="CellSpinProductKernel.MinSpins"/> spins, <see cref="Cells"/> from there on.
    /// </summary>
    public static SpinSnapshot Compute(GridPoint point, ulong campaignSeed, ReadOnlySpan<double> t, TimeUnit unit, KernelPath path, int maxCurves = MaxCurves)
    {
        double jnnInf = ThermodynamicLimit.JnnInf(point.D, point.Alpha, point.N);
        double[] times = [.. DefaultHistogramTimes];
        if (Cells.UsesCells(point.N))
        {
            return ComputeFromPositions(point, campaignSeed, t, unit, path, maxCurves, jnnInf, times);
        }

        CouplingMatrix couplings = Points.Realization.Couplings(point, campaignSeed, Realization);
        double[] nn = couplings.NearestNeighbourCouplings.ToArray();
        for (int i = 0; i < nn.Length; i++)
        {
            nn[i] /= jnnInf;
        }

        int[] spins = ChooseSpins(nn, maxCurves);
        double[] tau = Points.Realization.Tau(point, couplings, t, unit);
        var curves = new double[spins.Length * t.Length];
        SpinProductKernel.Evaluate(couplings, tau, new double[t.Length], new double[t.Length], spins, curves, path);

        double[] histogramTau = Points.Realization.Tau(point, couplings, times, unit);
        var at = new double[times.Length * point.N];
        for (int h = 0; h < times.Length; h++)
        {
            SpinProductKernel.SpinProducts(couplings, histogramTau[h], at.AsSpan(h * point.N, point.N), path);
        }

        return new SpinSnapshot(Realization, spins, t.ToArray(), curves, times, at, nn);
    }

    /// <summary>
    /// The kernel of large snapshots: from this many spins on (<see cref="CellSpinProductKernel.MinSpins"/>)
    /// the snapshot comes from positions by the cell kernel at the default tolerance (every P_i
    /// within 2.5e-11 of the exact product), so no N^2 coupling matrix is built.
    /// </summary>
    public static SpinKernelChoice Cells { get; } = SpinKernelChoice.Accelerated(AcceleratedSpinProductKernel.DefaultTolerance, 2);

    private static SpinSnapshot ComputeFromPositions(GridPoint point, ulong campaignSeed, ReadOnlySpan<double> t, TimeUnit unit, KernelPath path, int maxCurves, double jnnInf, double[] times)
    {
        double[] positions = Points.Realization.Positions(point, campaignSeed, Realization);
        double[] nn = NearestNeighbour.Couplings(positions, point.D, point.Alpha);
        double unitCoupling = unit == TimeUnit.Common ? jnnInf : NearestNeighbour.MedianCoupling(nn);
        for (int i = 0; i < nn.Length; i++)
        {
            nn[i] /= jnnInf;
        }

        int[] spins = ChooseSpins(nn, maxCurves);
        double[] tau = TimeGrid.ToTau(t, unitCoupling);
        var curves = new double[spins.Length * t.Length];
        Cells.EvaluatePositions(positions, point.D, point.Alpha, tau, new double[t.Length], new double[t.Length], spins, curves, path);

        // All spins at the few histogram times: spin curves of length 3, stored time-major below.
        double[] histogramTau = TimeGrid.ToTau(times, unitCoupling);
        int[] all = Enumerable.Range(0, point.N).ToArray();
        var bySpin = new double[point.N * times.Length];
        Cells.EvaluatePositions(positions, point.D, point.Alpha, histogramTau, new double[times.Length], new double[times.Length], all, bySpin, path);
        var at = new double[times.Length * point.N];
        for (int i = 0; i < point.N; i++)
        {
            for (int h = 0; h < times.Length; h++)
            {
                at[(h * point.N) + i] = bySpin[(i * times.Length) + h];
            }
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
