using Sweep.Campaigns;
using Sweep.Physics.Ensemble;
using Sweep.Physics.Fits;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;

namespace Sweep.CampaignBench;

/// <summary>
/// The same campaign computed directly with the physics library on the same number of worker
/// threads, in fine chunks of realizations so no worker idles at the end: the reference for
/// the orchestration overhead, whatever batch size the spec chose.
/// </summary>
internal static class DirectCampaign
{
    // Realizations per unit of parallel work: small enough that no worker idles at the end.
    private const int Chunk = 8;

    public static int Run(CampaignSpec spec, int workers)
    {
        var settings = new PointSettings(spec.Seed, spec.TimePoints, spec.TimeUnit, new FitWindow(spec.FitUpper, spec.FitLower), spec.Kernel.ToSpinKernel());
        IReadOnlyList<CampaignPoint> points = CampaignGrid.Expand(spec);
        var grids = points.Select(p => settings.TimeGrid(p.Point)).ToArray();
        var sums = points.Select(p => new EnsembleAccumulator(spec.TimePoints)).ToArray();
        var batches = points
            .SelectMany((p, i) => Enumerable.Range(0, (p.Ns + Chunk - 1) / Chunk).Select(b => (Index: i, First: (long)b * Chunk, Count: Math.Min(Chunk, p.Ns - (b * Chunk)))))
            .ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
        Parallel.ForEach(batches, options, b =>
        {
            CampaignPoint p = points[b.Index];
            EnsembleAccumulator part = Realization.ComputeBatch(p.Point, spec.Seed, b.First, b.Count, grids[b.Index], spec.TimeUnit, settings.Kernel, SpinProductKernel.BestPath);
            lock (sums[b.Index])
            {
                sums[b.Index].Merge(part);
            }
        });
        Parallel.For(0, points.Count, options, i => GridPointAnalysis.Analyze(points[i].Point, settings, grids[i], sums[i]));
        return points.Sum(p => (p.Ns + spec.BatchSize - 1) / spec.BatchSize);
    }
}
