using System.Buffers;
using Sweep.Physics.Analytic;
using Sweep.Physics.Couplings;
using Sweep.Physics.Ensemble;
using Sweep.Physics.Geometry;
using Sweep.Physics.Kernel;
using Sweep.Physics.Random;
using Sweep.Physics.Time;

namespace Sweep.Physics.Points;

/// <summary>
/// Realization r of a grid point: positions from its own seed, couplings, the time unit of the
/// chosen convention, and the kernel's mag and pur on the t grid.
/// </summary>
public static class Realization
{
    /// <summary>Positions (N consecutive d-tuples) of realization r.</summary>
    public static double[] Positions(GridPoint point, ulong campaignSeed, long r)
        => RsaSampler.Sample(point.D, point.N, point.X, RealizationSeed.Generator(campaignSeed, point.D, point.Alpha, point.X, point.N, r));

    /// <summary>Couplings of realization r.</summary>
    public static CouplingMatrix Couplings(GridPoint point, ulong campaignSeed, long r)
        => CouplingMatrix.FromPositions(Positions(point, campaignSeed, r), point.D, point.Alpha);

    /// <summary>tau = t / unit, where unit is J_NN,inf (common) or the realization's median J_NN.</summary>
    public static double[] Tau(GridPoint point, CouplingMatrix couplings, ReadOnlySpan<double> t, TimeUnit unit)
    {
        double coupling = unit == TimeUnit.Common
            ? ThermodynamicLimit.JnnInf(point.D, point.Alpha, point.N)
            : NearestNeighbour.MedianCoupling(couplings);
        return TimeGrid.ToTau(t, coupling);
    }

    /// <summary>mag and pur of realization r on the t grid, by the chosen kernel.</summary>
    public static RealizationCurves Compute(GridPoint point, ulong campaignSeed, long r, ReadOnlySpan<double> t, TimeUnit unit, SpinKernelChoice kernel, KernelPath path)
        => Compute(point, campaignSeed, r, t, unit, kernel, path, null);

    /// <summary>
    /// As above, with the couplings built in <paramref name="couplingStorage"/> (at least
    /// <see cref="CouplingMatrix.PackedLength"/>(N) doubles) when given, so that consecutive
    /// realizations on one thread reuse one array instead of allocating a large one each.
    /// </summary>
    public static RealizationCurves Compute(GridPoint point, ulong campaignSeed, long r, ReadOnlySpan<double> t, TimeUnit unit, SpinKernelChoice kernel, KernelPath path, double[]? couplingStorage)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        CouplingMatrix couplings = CouplingMatrix.FromPositions(Positions(point, campaignSeed, r), point.D, point.Alpha, couplingStorage);
        double[] tau = Tau(point, couplings, t, unit);
        var mag = new double[t.Length];
        var pur = new double[t.Length];
        kernel.Evaluate(couplings, tau, mag, pur, ReadOnlySpan<int>.Empty, Span<double>.Empty, path);
        double ratio = NearestNeighbour.MedianCoupling(couplings) / ThermodynamicLimit.JnnInf(point.D, point.Alpha, point.N);
        return new RealizationCurves(r, mag, pur, ratio, tau);
    }

    /// <summary>
    /// The exact ensemble sums of realizations first .. first + count - 1: the unit of work of
    /// one batch. Sequential and deterministic; callers parallelise over batches.
    /// </summary>
    public static EnsembleAccumulator ComputeBatch(GridPoint point, ulong campaignSeed, long first, int count, ReadOnlySpan<double> t, TimeUnit unit, SpinKernelChoice kernel, KernelPath path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (first < 0 || count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "a batch is at least one realization starting at r >= 0");
        }

        var acc = new EnsembleAccumulator(t.Length);
        double[] storage = ArrayPool<double>.Shared.Rent(CouplingMatrix.PackedLength(point.N));
        try
        {
            for (long r = first; r < first + count; r++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RealizationCurves curves = Compute(point, campaignSeed, r, t, unit, kernel, path, storage);
                acc.Add(r, curves.Mag, curves.Pur, curves.JnnRatio);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(storage);
        }

        return acc;
    }
}
