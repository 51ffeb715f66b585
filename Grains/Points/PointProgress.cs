using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Points;

/// <summary>The summary of a stored point state: shared by the grain and by readers of the store.</summary>
public static class PointProgress
{
    public static PointSummary Summarize(PointState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        PointAssignment a = state.Assignment ?? throw new InvalidOperationException("the grid point has not been started");
        PointStatus status = state.Failure is not null ? PointStatus.Failed
            : state.Result is not null ? PointStatus.Done
            : state.Cancelled ? PointStatus.Cancelled
            : state.Merged.Count > 0 ? PointStatus.Running
            : PointStatus.Pending;
        long done = state.Plan.Where(b => state.Merged.Contains(b.First)).Sum(b => (long)b.Count);
        return new PointSummary(a.Key, status, done, a.Ns, state.Merged.Count, state.Plan.Count, state.Result?.FitMag, state.Result?.FitPur, state.Failure, a.Observables);
    }
}
