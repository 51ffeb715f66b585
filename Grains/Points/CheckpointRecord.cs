using Sweep.Physics.Precision;

namespace Sweep.Grains.Points;

/// <summary>
/// A precision target's decision as stored in the point state when it is taken: the checkpoint
/// (realizations 0 .. Checkpoint - 1), the jackknife errors of beta there (NaN when none), the
/// outcome under the target of that time and the Ns it predicted.
/// </summary>
[GenerateSerializer]
public sealed record CheckpointRecord(
    [property: Id(0)] long Checkpoint,
    [property: Id(1)] double MagBetaError,
    [property: Id(2)] double PurBetaError,
    [property: Id(3)] TargetOutcome Outcome,
    [property: Id(4)] long PredictedNs)
{
    public static CheckpointRecord Of(CheckpointDecision d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Checkpoint, d.MagBetaError, d.PurBetaError, d.Outcome, d.PredictedNs);
    }

    public CheckpointDecision ToDecision() => new(Checkpoint, MagBetaError, PurBetaError, Outcome, PredictedNs);
}
