using Sweep.Physics.Scaling;

namespace Sweep.Grains.Interfaces;

/// <summary>
/// Progress and fitted betas of one grid point, as the campaign grain tracks it. With a precision
/// target: RealizationsTarget is what is planned so far (the stopping Ns once stopped),
/// TargetOutcome is "reached" or "maxNs" once stopped (null before, and without a target), and
/// the batches computed beyond the stopping point (stored, not merged) are counted.
/// BatchesFoundStored counts the batches the point's current activation merged from the store
/// rather than from a computation, and RealizationsComputed and ComputeSeconds (summed over the
/// slots that ran them) what it merged from computations: the cost the ETA learns from. None of
/// the three is stored; they restart at 0 with the activation.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record PointSummary(
    [property: Id(0)] PointKey Key,
    [property: Id(1)] PointStatus Status,
    [property: Id(2)] long RealizationsDone,
    [property: Id(3)] long RealizationsTarget,
    [property: Id(4)] int BatchesDone,
    [property: Id(5)] int BatchesTotal,
    [property: Id(6)] FitData? FitMag,
    [property: Id(7)] FitData? FitPur,
    [property: Id(8)] string? Failure,
    [property: Id(9)] Observable[] Observables,
    [property: Id(20)] TargetData? Target = null,
    [property: Id(21)] string? TargetOutcome = null,
    [property: Id(22)] int BatchesBeyondStop = 0,
    [property: Id(23)] long RealizationsBeyondStop = 0,
    [property: Id(24)] int BatchesFoundStored = 0,
    [property: Id(25)] long RealizationsComputed = 0,
    [property: Id(26)] double ComputeSeconds = 0);
