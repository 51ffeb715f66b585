using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Dispatch;

/// <summary>
/// A batch's relative cost for ordering the queue: realizations times N(N-1) pair factors times
/// time points, the exact kernel's work. The accelerated kernel grows more slowly with N but in
/// the same order, which is all the queue needs.
/// </summary>
public static class BatchCost
{
    public static double Estimate(BatchWork work)
    {
        double n = work.Id.Point.N;
        return (double)work.Id.Count * n * (n - 1) * work.Settings.TimePoints;
    }
}
