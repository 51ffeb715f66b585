using System.Diagnostics;
using Sweep.Campaigns;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Time;

namespace Sweep.Client.Estimate;

/// <summary>
/// Times whole realizations (positions, couplings, kernel) on one core at a small and a large
/// N, and models a realization's time as Overhead + Factors / FactorsPerSecond: small-N
/// campaigns (1D) are dominated by the fixed part, large-N ones by the kernel.
/// </summary>
internal sealed record KernelCalibration(double FactorsPerSecond, double OverheadSeconds, int LargeN, int TimePoints, string Path)
{
    public const int SmallN = 8;
    public const int DefaultLargeN = 200;

    public static KernelCalibration Run(int timePoints, TimeSpan budget, SpinKernelChoice kernel, int largeN = DefaultLargeN)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        KernelPath path = SpinProductKernel.BestPath;
        double small = SecondsPerRealization(SmallN, timePoints, kernel, path, budget / 4);
        double large = SecondsPerRealization(largeN, timePoints, kernel, path, budget * 3 / 4);
        double smallFactors = CampaignCost.PerRealization(SmallN, timePoints);
        double largeFactors = CampaignCost.PerRealization(largeN, timePoints);
        double perFactor = Math.Max((large - small) / (largeFactors - smallFactors), large / largeFactors / 4);
        double overhead = Math.Max(0, small - (perFactor * smallFactors));
        return new KernelCalibration(1 / perFactor, overhead, largeN, timePoints, path.ToString());
    }

    /// <summary>Wall seconds for the campaign on this many cores, assuming they share the work evenly.</summary>
    public double WallSeconds(CampaignSpec spec, int cores)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double seconds = 0;
        foreach (CampaignPoint p in CampaignGrid.Expand(spec))
        {
            seconds += (p.Ns + 1.0) * (OverheadSeconds + (CampaignCost.PerRealization(p.Point.N, spec.TimePoints) / FactorsPerSecond));
        }

        return seconds / Math.Max(1, cores);
    }

    private static double SecondsPerRealization(int n, int timePoints, SpinKernelChoice kernel, KernelPath path, TimeSpan budget)
    {
        var point = new GridPoint(3, 6, 1e-3, n);
        double[] t = TimeGrid.Create(point.D, point.Alpha, timePoints);
        Realization.Compute(point, 1, 0, t, TimeUnit.Common, kernel, path);
        var clock = Stopwatch.StartNew();
        long r = 1;
        do
        {
            Realization.Compute(point, 1, r++, t, TimeUnit.Common, kernel, path);
        }
        while (clock.Elapsed < budget || r < 3);

        return clock.Elapsed.TotalSeconds / (r - 1);
    }
}
