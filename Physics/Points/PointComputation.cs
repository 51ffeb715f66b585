using Sweep.Physics.Ensemble;
using Sweep.Physics.Kernel;

namespace Sweep.Physics.Points;

/// <summary>
/// Computes all Ns realizations of one grid point in this process, spread over worker threads.
/// The exact accumulators make the result independent of how the work is split.
/// </summary>
public static class PointComputation
{
    /// <summary>Realizations per unit of parallel work.</summary>
    public const int ChunkSize = 8;

    /// <summary>The exact ensemble sums of realizations 0 .. ns - 1.</summary>
    public static EnsembleAccumulator Run(GridPoint point, PointSettings settings, int ns, int workers, KernelPath path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (ns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ns), ns, "Ns must be at least 1");
        }

        double[] t = settings.TimeGrid(point);
        int chunks = (ns + ChunkSize - 1) / ChunkSize;
        var total = new EnsembleAccumulator(t.Length);
        var gate = new object();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = cancellationToken };
        Parallel.For(0, chunks, options, c =>
        {
            long first = (long)c * ChunkSize;
            int count = (int)Math.Min(ChunkSize, ns - first);
            EnsembleAccumulator part = Realization.ComputeBatch(point, settings.Seed, first, count, t, settings.TimeUnit, settings.Kernel, path, cancellationToken);
            lock (gate)
            {
                total.Merge(part);
            }
        });
        return total;
    }
}
