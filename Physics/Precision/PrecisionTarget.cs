using Sweep.Physics.Scaling;

namespace Sweep.Physics.Precision;

/// <summary>
/// A precision target for one grid point: add realizations until the jackknife error of beta
/// of every named observable is at most <see cref="BetaError"/> (absolute, in units of beta),
/// deciding only at the checkpoints <see cref="Step"/>, 2 <see cref="Step"/>, ... from
/// <see cref="MinNs"/> up to <see cref="MaxNs"/> (both multiples of the step).
/// </summary>
public sealed record PrecisionTarget(double BetaError, IReadOnlyList<Observable> Observables, int MinNs, int MaxNs, int Step)
{
    /// <summary>The first checkpoint at or after realization count <paramref name="count"/>.</summary>
    public long CheckpointAtOrAfter(long count) => (count + Step - 1) / Step * Step;

    /// <summary>The problem with this target, or null when the checkpoint rules can be applied.</summary>
    public string? Problem()
    {
        if (!(BetaError > 0) || !double.IsFinite(BetaError))
        {
            return $"betaError must be a finite number above 0 (got {BetaError})";
        }

        if (Observables.Count == 0)
        {
            return "no observable named";
        }

        if (Step < 1 || MinNs < Step || MinNs % Step != 0 || MaxNs < MinNs || MaxNs % Step != 0)
        {
            return $"need step >= 1 and step <= minNs <= maxNs, both multiples of step (got minNs {MinNs}, maxNs {MaxNs}, step {Step})";
        }

        return null;
    }
}
