using Sweep.Campaigns;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;

namespace Sweep.Client.Estimate;

/// <summary>
/// The ETA's prices: one core's CPU seconds per realization for every grid point of a spec, timed
/// on the batch path the compute slots run. A (d, N) class is not enough: at one N the
/// accelerated kernel's cost falls steeply with alpha and x (fig2bc's 3D points span more than
/// a factor of ten), so a class price is right only for the mix of points measured so far.
/// Thread CPU time (<see cref="ThreadCpuClock"/>), not wall time: the calibration runs beside the
/// campaign's slots, often on a machine busy with other work, and preemption made single-class
/// wall-time figures wrong by up to ten times. What the slots' wall time adds to it (load, the
/// store, the snapshot batch) is learned from the batches (<see cref="Progress.RealizationCostModel"/>).
/// Two realizations of every point cost about 2/Ns of the campaign (0.4% of fig2bc's CPU).
/// </summary>
internal static class PointCalibration
{
    // A point cheaper than this is timed again on enough realizations to fill it: the clock's
    // and a batch's fixed costs would otherwise dominate a 10 us realization.
    private const double ShortestTiming = 0.5e-3;

    private const int MostRealizations = 256;

    /// <param name="largestN">Points above this are not timed (they would take seconds each); the ETA prices them from their batches.</param>
    public static IReadOnlyDictionary<GridPoint, double> Run(CampaignSpec spec, int largestN, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        KernelPath path = SpinProductKernel.BestPath;
        var settings = new PointSettings(spec.Seed, spec.TimePoints, spec.TimeUnit, new Physics.Fits.FitWindow(spec.FitUpper, spec.FitLower), spec.Kernel);
        GridPoint[] points = [.. CampaignGrid.Expand(spec).Select(p => p.Point).Where(p => p.N <= largestN).OrderBy(p => p.N)];
        var seconds = new Dictionary<GridPoint, double>();
        if (points.Length == 0)
        {
            return seconds;
        }

        // Two passes, the lower time kept: the first also brings every code path (each d, the
        // exact and accelerated kernels, purity) to optimized code, which one warm-up point
        // does not (1D came out more than twice too dear).
        for (int pass = 0; pass < 2; pass++)
        {
            foreach (GridPoint point in points)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double each = Time(point, settings, path, 1, cancellationToken);
                if (each < ShortestTiming)
                {
                    int count = (int)Math.Clamp(Math.Ceiling(ShortestTiming / Math.Max(each, 1e-7)), 2, MostRealizations);
                    each = Time(point, settings, path, count, cancellationToken) / count;
                }

                seconds[point] = seconds.TryGetValue(point, out double earlier) ? Math.Min(earlier, each) : each;
            }
        }

        return seconds;
    }

    private static double Time(GridPoint point, PointSettings settings, KernelPath path, int count, CancellationToken cancellationToken)
    {
        double[] t = settings.TimeGrid(point);
        double start = ThreadCpuClock.Seconds();
        // Realizations past 0: the first batch's Fig. 1 snapshot is a cost of its own.
        Realization.ComputeBatch(point, settings.Seed, 1, count, t, settings.TimeUnit, settings.Kernel, path, cancellationToken);
        return ThreadCpuClock.Seconds() - start;
    }
}
