using Sweep.Grains.Interfaces;
using Sweep.Grains.Mapping;
using Sweep.Physics.Precision;

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
        var summary = new PointSummary(a.Key, status, done, a.Ns, state.Merged.Count, state.Plan.Count, state.Result?.FitMag, state.Result?.FitPur, state.Failure, a.Observables);
        if (a.Target is not { } target)
        {
            return summary;
        }

        // A target's Ns is what is planned so far until it stops; then the stopping checkpoint.
        TargetPosition at = target.Position(state.Decisions);
        return summary with
        {
            RealizationsTarget = at.Stopped ? at.Stop!.Checkpoint : BatchPlan.End(state.Plan),
            Target = target,
            TargetOutcome = at.Stopped && state.Result is not null ? TargetMapping.OutcomeName(at.Stop!.Outcome) : null,
            BatchesBeyondStop = state.Beyond.Count,
            RealizationsBeyondStop = state.Beyond.Sum(b => (long)b.Count),
        };
    }
}
