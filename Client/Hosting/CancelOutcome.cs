namespace Sweep.Client.Hosting;

/// <summary>What `sweep cancel` did to a campaign.</summary>
internal enum CancelOutcome
{
    /// <summary>Dispatching stopped (or had already stopped); stored results stay.</summary>
    Cancelled,

    /// <summary>Every point had finished: nothing was changed.</summary>
    AlreadyFinished,
}
