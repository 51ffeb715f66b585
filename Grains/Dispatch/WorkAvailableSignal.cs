namespace Sweep.Grains.Dispatch;

/// <summary>
/// Wakes this silo's idle compute worker when the dispatcher, if it lives on this silo, gets
/// work: without it an idle worker noticed a new campaign only at its next poll (up to
/// <see cref="Compute.ComputeOptions.IdlePoll"/> later, with every slot idle). Workers on
/// other silos still poll. A signal given while nobody waits is kept for the next wait.
/// </summary>
public sealed class WorkAvailableSignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled and not yet consumed: one wake-up is enough.
        }
    }

    /// <summary>True when signalled, false when the timeout passed first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
        => _pending.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _pending.Dispose();
}
