using Sweep.Grains.Interfaces;
using Sweep.Grains.Points;
using Sweep.Physics.Precision;

namespace Sweep.Grains.Mapping;

/// <summary>A point's precision target between the grain contract and the stopping rule.</summary>
internal static class TargetMapping
{
    public static PrecisionTarget ToPrecisionTarget(this TargetData t)
        => new(t.BetaError, t.Observables, t.MinNs, t.MaxNs, t.Step);

    /// <summary>Where a point stands under its current target, from the decisions stored in its state.</summary>
    public static TargetPosition Position(this TargetData t, IEnumerable<CheckpointRecord> decisions)
        => TargetPosition.Of(t.ToPrecisionTarget(), decisions.Select(d => d.ToDecision()));

    /// <summary>How the table and status spell an outcome: "reached", "maxNs", or null while running.</summary>
    public static string? OutcomeName(TargetOutcome outcome) => outcome switch
    {
        TargetOutcome.Reached => "reached",
        TargetOutcome.MaxNsReached => "maxNs",
        _ => null,
    };
}
