using Sweep.Physics.Couplings;
using Sweep.Physics.Ensemble;
using Sweep.Physics.Kernel;

namespace Sweep.Physics.Points;

/// <summary>
/// Computes all Ns realizations of one grid point in this process, spread over worker threads.
/// The exact accumulators make the result independent of how the work is split.
/// </summary>
public static class PointComputation
{
    /// <summary>The exact ensemble sums of realizations 0 .. ns - 1.</summary>
    public static EnsembleAccumulator Run(GridPoint point, PointSettings settings, int ns, int workers, KernelPath path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (ns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ns), ns, "Ns must be at least 1");
        }

        double[] t = settings.TimeGrid(point);
        var total = new EnsembleAccumulator(t.Length);
        var gate = new object();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = cancellationToken };
        // One realization per step and one accumulator per worker: no worker idles while
        // another finishes a chunk, which matters when Ns is a small multiple of the workers.
        Parallel.For(
            0L,
            ns,
            options,
            () => (Sums: new EnsembleAccumulator(t.Length), Couplings: new double[Realization.CouplingStorageLength(point, settings.Kernel)]),
            (r, _, own) =>
            {
                RealizationCurves curves = Realization.Compute(point, settings.Seed, r, t, settings.TimeUnit, settings.Kernel, path, own.Couplings.Length == 0 ? null : own.Couplings);
                own.Sums.Add(r, curves.Mag, curves.Pur, curves.JnnRatio);
                return own;
            },
            own =>
            {
                lock (gate)
                {
                    total.Merge(own.Sums);
                }
            });
        return total;
    }
}
