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
        var positions = new double[point.N * point.D];
        var tau = new double[t.Length];
        var mag = new double[t.Length];
        var pur = new double[t.Length];
        double ratio = Evaluate(point, campaignSeed, r, t, unit, kernel, path, couplingStorage, positions, tau, mag, pur);
        return new RealizationCurves(r, mag, pur, ratio, tau);
    }

    // The one definition of a realization: Compute and ComputeBatch differ only in where the
    // arrays live. Returns the median J_NN / J_NN,inf.
    private static double Evaluate(
        GridPoint point, ulong campaignSeed, long r, ReadOnlySpan<double> t, TimeUnit unit, SpinKernelChoice kernel, KernelPath path,
        double[]? couplingStorage, Span<double> positions, Span<double> tau, Span<double> mag, Span<double> pur)
    {
        RsaSampler.Sample(point.D, point.N, point.X, RealizationSeed.Generator(campaignSeed, point.D, point.Alpha, point.X, point.N, r), positions);
        double jnnInf = ThermodynamicLimit.JnnInf(point.D, point.Alpha, point.N);
        if (kernel.UsesCells(point.N))
        {
            // No coupling matrix: the nearest-neighbour couplings and the kernel work from positions.
            double median = NearestNeighbour.MedianCoupling(NearestNeighbour.Couplings(positions, point.D, point.Alpha));
            TimeGrid.ToTau(t, unit == TimeUnit.Common ? jnnInf : median, tau);
            kernel.EvaluatePositions(positions, point.D, point.Alpha, tau, mag, pur, ReadOnlySpan<int>.Empty, Span<double>.Empty, path);
            return median / jnnInf;
        }

        CouplingMatrix couplings = CouplingMatrix.FromPositions(positions, point.D, point.Alpha, couplingStorage);
        double medianCoupling = NearestNeighbour.MedianCoupling(couplings);
        TimeGrid.ToTau(t, unit == TimeUnit.Common ? jnnInf : medianCoupling, tau);
        kernel.Evaluate(couplings, tau, mag, pur, ReadOnlySpan<int>.Empty, Span<double>.Empty, path);
        return medianCoupling / jnnInf;
    }

    /// <summary>Doubles of coupling storage a realization of this point needs under this kernel (0 when it keeps no coupling matrix).</summary>
    public static int CouplingStorageLength(GridPoint point, SpinKernelChoice kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return kernel.UsesCells(point.N) ? 0 : CouplingMatrix.PackedLength(point.N);
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
        // One set of arrays for the whole batch: a small realization would otherwise allocate
        // several times its kernel's working set, and gen-0 collections stop every compute thread.
        int timePoints = t.Length;
        double[] storage = ArrayPool<double>.Shared.Rent(CouplingStorageLength(point, kernel));
        double[] positions = ArrayPool<double>.Shared.Rent(point.N * point.D);
        double[] curves = ArrayPool<double>.Shared.Rent(3 * timePoints);
        try
        {
            Span<double> tau = curves.AsSpan(0, timePoints);
            Span<double> mag = curves.AsSpan(timePoints, timePoints);
            Span<double> pur = curves.AsSpan(2 * timePoints, timePoints);
            for (long r = first; r < first + count; r++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double ratio = Evaluate(point, campaignSeed, r, t, unit, kernel, path, storage.Length == 0 ? null : storage, positions.AsSpan(0, point.N * point.D), tau, mag, pur);
                acc.Add(r, mag, pur, ratio);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(curves);
            ArrayPool<double>.Shared.Return(positions);
            ArrayPool<double>.Shared.Return(storage);
        }

        return acc;
    }
}
