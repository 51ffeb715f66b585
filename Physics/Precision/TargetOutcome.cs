namespace Sweep.Physics.Precision;

/// <summary>What a checkpoint decided for a point with a precision target.</summary>
public enum TargetOutcome
{
    /// <summary>Not reached and below maxNs: add the realizations up to the next checkpoint.</summary>
    Continue = 0,

    /// <summary>Every named observable's jackknife error of beta met the target (with its margin): stop here.</summary>
    Reached = 1,

    /// <summary>The target was not met and the checkpoint is maxNs: stop here, not reached.</summary>
    MaxNsReached = 2,
}
