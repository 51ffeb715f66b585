namespace Sweep.Physics.Precision;

/// <summary>
/// Where a point with a precision target stands, given the decisions stored so far (possibly
/// taken under an earlier, looser target of the same step): the checkpoint it stopped at, or
/// the next checkpoint to decide and the Ns predicted so far.
/// </summary>
public readonly record struct TargetPosition(CheckpointDecision? Stop, long NextCheckpoint, long PredictedNs)
{
    public bool Stopped => Stop is not null;

    /// <summary>
    /// Replays the stored decisions' errors under <paramref name="target"/>. A tighter target
    /// (lower error, more observables, higher minNs or maxNs) never stops at an earlier checkpoint
    /// than a looser one, so the replay of stored checkpoints from minNs on gives what a fresh run
    /// of the current target would decide there.
    /// </summary>
    public static TargetPosition Of(PrecisionTarget target, IEnumerable<CheckpointDecision> stored)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(stored);
        long next = target.MinNs;
        long predicted = target.MinNs;
        foreach (CheckpointDecision d in stored.OrderBy(d => d.Checkpoint))
        {
            if (d.Checkpoint != next)
            {
                // Checkpoints before minNs (taken under a lower one) are history; a gap cannot
                // occur, because decisions are only taken in order.
                continue;
            }

            CheckpointDecision now = PrecisionStopping.Decide(target, d.Checkpoint, d.MagBetaError, d.PurBetaError);
            if (now.Stops)
            {
                return new TargetPosition(now, d.Checkpoint, d.Checkpoint);
            }

            next = d.Checkpoint + target.Step;
            predicted = now.PredictedNs;
        }

        return new TargetPosition(null, next, Math.Max(predicted, next));
    }
}
