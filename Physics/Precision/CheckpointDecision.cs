namespace Sweep.Physics.Precision;

/// <summary>
/// The decision taken at one checkpoint from the exact sums of realizations 0 .. Checkpoint - 1:
/// the jackknife errors of beta (NaN when none could be formed), the outcome, and the Ns the
/// errors predict the target needs (a multiple of the step; the checkpoint itself once stopped).
/// </summary>
public sealed record CheckpointDecision(long Checkpoint, double MagBetaError, double PurBetaError, TargetOutcome Outcome, long PredictedNs)
{
    public bool Stops => Outcome != TargetOutcome.Continue;
}
