using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Dispatch;

/// <summary>
/// The relative cost of one realization of a batch's point, for ordering the queue: N(N-1)
/// pair factors times time points, the exact kernel's work. The accelerated kernel grows more
/// slowly with N but in the same order, which is all the queue needs.
/// </summary>
public static class BatchCost
{
    public static double PerRealization(BatchWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        double n = work.Id.Point.N;
        return n * (n - 1) * work.Settings.TimePoints;
    }
}
