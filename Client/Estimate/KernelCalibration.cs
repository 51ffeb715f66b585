using System.Diagnostics;
using Sweep.Campaigns;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;

namespace Sweep.Client.Estimate;

/// <summary>
/// Times whole realizations (positions, couplings, time grid, kernel, accumulation) on one
/// core for every (d, N) of a spec, at the median alpha and x of the points with that (d, N).
/// A single factor rate cannot describe the accelerated kernel, whose cost grows far more
/// slowly than N(N-1)T, nor small 1D systems, where everything but the kernel dominates; a
/// measured time per (d, N) describes both.
/// </summary>
internal sealed class KernelCalibration
{
    // Long enough for the tiered JIT to reach optimized code before anything is timed.
    private static readonly TimeSpan Warmup = TimeSpan.FromMilliseconds(300);

    private readonly Dictionary<(int D, int N), double> _seconds;

    private KernelCalibration(Dictionary<(int D, int N), double> seconds, string path)
    {
        _seconds = seconds;
        Path = path;
    }

    /// <summary>The kernel path the times were measured on (AVX-512, AVX2 or scalar).</summary>
    public string Path { get; }

    /// <summary>Measured seconds per realization on one core, by (d, N).</summary>
    public IReadOnlyDictionary<(int D, int N), double> SecondsPerRealization => _seconds;

    /// <param name="atLeast">Realizations timed per (d, N) even past the budget.</param>
    /// <param name="largestN">Sizes above this are not timed (their time is NaN), so that a
    /// quick calibration never spends seconds on one realization.</param>
    public static KernelCalibration Run(CampaignSpec spec, TimeSpan budget, int atLeast = 3, int largestN = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(spec);
        KernelPath path = SpinProductKernel.BestPath;
        SpinKernelChoice kernel = spec.Kernel;
        var settings = new PointSettings(spec.Seed, spec.TimePoints, spec.TimeUnit, new Physics.Fits.FitWindow(spec.FitUpper, spec.FitLower), kernel);
        var representatives = CampaignGrid.Expand(spec)
            .GroupBy(p => (p.Point.D, p.Point.N))
            .OrderBy(g => g.Key)
            .Select(g => new GridPoint(g.Key.D, Median(g.Select(p => p.Point.Alpha)), Median(g.Select(p => p.Point.X)), g.Key.N))
            .ToList();

        // Warm up on the cheapest representative: the same code runs for all of them.
        TimeRealizations(representatives[0], settings, path, Warmup, 1);
        TimeSpan each = TimeSpan.FromTicks(Math.Max(budget.Ticks / representatives.Count, TimeSpan.FromMilliseconds(10).Ticks));
        // A point too large for this process is not timed: its time is scaled from the largest
        // timed N of its d by N(N-1), the count of pair factors (an upper bound for the accelerated kernels).
        double room = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2.0;
        var seconds = new Dictionary<(int D, int N), double>();
        foreach (GridPoint p in representatives)
        {
            if (p.N > largestN)
            {
                seconds[(p.D, p.N)] = double.NaN;
            }
            else if (KernelMemoryModel.BytesPerSlot(kernel, p.D, p.N, spec.TimePoints) <= room)
            {
                seconds[(p.D, p.N)] = TimeRealizations(p, settings, path, each, atLeast);
            }
            else if (seconds.Keys.Where(k => k.D == p.D).OrderBy(k => k.N).LastOrDefault() is { N: > 0 } timed)
            {
                seconds[(p.D, p.N)] = seconds[timed] * ((double)p.N * (p.N - 1)) / ((double)timed.N * (timed.N - 1));
            }
            else
            {
                seconds[(p.D, p.N)] = double.NaN;
            }
        }

        return new KernelCalibration(seconds, path.ToString());
    }

    /// <summary>
    /// Kernel wall seconds for the campaign on this many cores: the sum over points of
    /// (Ns + 1) realizations (the +1 is the Fig. 1 snapshot) times the measured time of their
    /// (d, N), shared evenly by the cores.
    /// </summary>
    public double WallSeconds(CampaignSpec spec, int cores, bool fewest = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double seconds = CampaignGrid.Expand(spec).Sum(p => (CampaignCost.NsOf(p, fewest) + 1.0) * _seconds[(p.Point.D, p.Point.N)]);
        return seconds / Math.Max(1, cores);
    }

    private static double TimeRealizations(GridPoint point, PointSettings settings, KernelPath path, TimeSpan budget, int atLeast)
    {
        double[] t = settings.TimeGrid(point);
        var clock = Stopwatch.StartNew();
        long r = 0;
        do
        {
            Realization.Compute(point, settings.Seed, r++, t, settings.TimeUnit, settings.Kernel, path);
        }
        while (clock.Elapsed < budget || r < atLeast);

        return clock.Elapsed.TotalSeconds / r;
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
