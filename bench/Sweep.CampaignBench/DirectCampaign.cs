using Sweep.Campaigns;
using Sweep.Physics.Ensemble;
using Sweep.Physics.Fits;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;

namespace Sweep.CampaignBench;

/// <summary>
/// The same campaign computed directly with the physics library on the same number of worker
/// threads, in fine chunks of realizations so no worker idles at the end: the reference for
/// the orchestration overhead, whatever batch size the spec chose. It produces what the grains
/// produce for every point: the ensemble sums, the Fig. 1 snapshot and the fits.
/// </summary>
internal static class DirectCampaign
{
    // Realizations per unit of parallel work: about 20 ms of kernel time (a rough model of
    // 150 us per realization plus 2e9 pair-time factors per second), so that no worker idles at
    // the end and tiny systems do not pay an accumulator per handful of realizations.
    private static int Chunk(CampaignPoint p, int timePoints)
    {
        double seconds = 150e-6 + ((double)p.Point.N * (p.Point.N - 1) * timePoints / 2e9);
        return (int)Math.Clamp(Math.Ceiling(0.02 / seconds), 1, 4096);
    }

    public static int Run(CampaignSpec spec, int workers)
    {
        var settings = new PointSettings(spec.Seed, spec.TimePoints, spec.TimeUnit, new FitWindow(spec.FitUpper, spec.FitLower), spec.Kernel);
        IReadOnlyList<CampaignPoint> points = CampaignGrid.Expand(spec);
        var grids = points.Select(p => settings.TimeGrid(p.Point)).ToArray();
        var sums = points.Select(p => new EnsembleAccumulator(spec.TimePoints)).ToArray();
        var batches = points
            .SelectMany((p, i) =>
            {
                int chunk = Chunk(p, spec.TimePoints);
                return Enumerable.Range(0, (p.Ns + chunk - 1) / chunk).Select(b => (Index: i, First: (long)b * chunk, Count: Math.Min(chunk, p.Ns - (b * chunk))));
            })
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
        // Every point's results include the Fig. 1 snapshot (one realization by the exact kernel,
        // whatever the campaign's kernel): the grains compute it with the batch holding r = 0.
        Parallel.For(0, points.Count, options, i =>
        {
            SpinSnapshot.Compute(points[i].Point, spec.Seed, grids[i], spec.TimeUnit, SpinProductKernel.BestPath);
            GridPointAnalysis.Analyze(points[i].Point, settings, grids[i], sums[i]);
        });
        return points.Sum(p => (p.Ns + spec.BatchSize - 1) / spec.BatchSize);
    }
}
