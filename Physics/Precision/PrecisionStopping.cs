using Sweep.Physics.Ensemble;
using Sweep.Physics.Scaling;

namespace Sweep.Physics.Precision;

/// <summary>
/// The stopping rule of precision targets (docs/campaign-spec.md, "Precision targets"). A
/// decision is a pure function of the target, the checkpoint and the jackknife errors at that
/// checkpoint, and those are a pure function of the exact sums of realizations 0 .. checkpoint - 1,
/// so every batching, merge order, silo count and resume takes the same decisions.
/// </summary>
public static class PrecisionStopping
{
    /// <summary>
    /// A K-block jackknife error is itself an estimate with a relative scatter of about
    /// 1 / sqrt(2 (K - 1)) (18% for K = 16). Stopping the first time the estimate dips below the
    /// target would pick the low fluctuations, so the estimate must be below the target divided
    /// by one plus that scatter: a point stops when even a one-sigma-low estimate implies a true
    /// error at or below the target.
    /// </summary>
    public static double Margin { get; } = 1.0 + (1.0 / Math.Sqrt(2.0 * (EnsembleAccumulator.Blocks - 1)));

    /// <summary>The largest jackknife error that counts as reached for <paramref name="target"/>.</summary>
    public static double Threshold(PrecisionTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.BetaError / Margin;
    }

    /// <summary>True when <paramref name="checkpoint"/> is one where a decision is taken.</summary>
    public static bool IsDecisionPoint(PrecisionTarget target, long checkpoint)
    {
        ArgumentNullException.ThrowIfNull(target);
        return checkpoint >= target.MinNs && checkpoint <= target.MaxNs && checkpoint % target.Step == 0;
    }

    /// <summary>
    /// Decides at <paramref name="checkpoint"/> from the jackknife errors of beta of mag and pur
    /// there. A non-finite error counts as not reached.
    /// </summary>
    public static CheckpointDecision Decide(PrecisionTarget target, long checkpoint, double magBetaError, double purBetaError)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!IsDecisionPoint(target, checkpoint))
        {
            throw new ArgumentOutOfRangeException(nameof(checkpoint), checkpoint, $"not a checkpoint of the target (multiples of {target.Step} from {target.MinNs} to {target.MaxNs})");
        }

        double threshold = Threshold(target);
        double[] errors = target.Observables.Select(o => o == Observable.Mag ? magBetaError : purBetaError).ToArray();
        if (errors.All(e => double.IsFinite(e) && e <= threshold))
        {
            return new CheckpointDecision(checkpoint, magBetaError, purBetaError, TargetOutcome.Reached, checkpoint);
        }

        if (checkpoint >= target.MaxNs)
        {
            return new CheckpointDecision(checkpoint, magBetaError, purBetaError, TargetOutcome.MaxNsReached, checkpoint);
        }

        return new CheckpointDecision(checkpoint, magBetaError, purBetaError, TargetOutcome.Continue, Predict(target, checkpoint, errors, threshold));
    }

    /// <summary>
    /// The Ns the errors predict, from error proportional to Ns^-1/2: checkpoint (e / threshold)^2
    /// for the worst named observable, rounded up to a checkpoint, at least the next checkpoint
    /// and at most maxNs. A non-finite error predicts nothing beyond the next checkpoint.
    /// </summary>
    private static long Predict(PrecisionTarget target, long checkpoint, double[] errors, double threshold)
    {
        long next = checkpoint + target.Step;
        if (errors.Any(e => !double.IsFinite(e)))
        {
            return Math.Min(next, target.MaxNs);
        }

        double ratio = errors.Max() / threshold;
        double needed = checkpoint * ratio * ratio;
        long predicted = needed >= target.MaxNs ? target.MaxNs : target.CheckpointAtOrAfter((long)Math.Ceiling(needed));
        return Math.Clamp(predicted, next, (long)target.MaxNs);
    }
}
