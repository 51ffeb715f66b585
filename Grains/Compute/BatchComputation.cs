using System.Diagnostics;
using System.Reflection;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Mapping;
using Sweep.Physics.Ensemble;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;

namespace Sweep.Grains.Compute;

/// <summary>Runs one batch through the physics library; called on a compute-pool thread only.</summary>
public static class BatchComputation
{
    public static string ProgramVersion { get; } =
        typeof(BatchComputation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static BatchResult Run(BatchWork work, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        GridPoint point = work.Id.Point.Point;
        // Refuses (NotSupportedException) a kernel code this version does not know.
        PointSettings settings = work.Settings.ToPointSettings();
        KernelPath path = SpinProductKernel.BestPath;
        double[] t = settings.TimeGrid(point);
        EnsembleAccumulator sums = Realization.ComputeBatch(
            point, settings.Seed, work.Id.First, work.Id.Count, t, settings.TimeUnit, settings.Kernel, path, cancellationToken);
        // The Fig. 1 snapshot always uses the exact kernel: it is single-spin data, not an ensemble sum.
        SpinSnapshotData? snapshot = work.Id.First <= SpinSnapshot.Realization && SpinSnapshot.Realization < work.Id.First + work.Id.Count
            ? SpinSnapshot.Compute(point, settings.Seed, t, settings.TimeUnit, path).ToData()
            : null;
        var provenance = new Provenance(ProgramVersion, settings.Kernel, path.ToString(), work.Settings, Environment.MachineName, DateTimeOffset.UtcNow);
        return new BatchResult(work.Id, sums.ToData(), provenance, clock.Elapsed.TotalSeconds, snapshot);
    }
}
