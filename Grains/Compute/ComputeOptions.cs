namespace Sweep.Grains.Compute;

/// <summary>Compute slots of one silo: how many batches it computes at once (default: one per core).</summary>
public sealed class ComputeOptions
{
    public int Slots { get; set; } = Environment.ProcessorCount;

    /// <summary>How long an idle slot waits before asking the dispatcher again.</summary>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the worker tells the dispatcher which leased batches it still holds.</summary>
    public TimeSpan RenewPeriod { get; set; } = TimeSpan.FromSeconds(5);
}
