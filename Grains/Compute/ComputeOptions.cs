namespace Sweep.Grains.Compute;

/// <summary>Compute slots of one silo: how many batches it computes at once (default: one per core).</summary>
public sealed class ComputeOptions
{
    public int Slots { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Batches leased ahead and queued on this silo beyond its running ones (default: one per
    /// slot), so a slot starts its next batch the moment it finishes one instead of idling through
    /// a round trip to the dispatcher (about 1.7 ms per batch on a busy 2-core machine). A queued
    /// batch waits at most one batch's compute time; 0 leases only for free slots.
    /// </summary>
    public int? LeaseAhead { get; set; }

    /// <summary>
    /// Memory each slot may use, in bytes: the silo leases only batches that need at most this
    /// (<see cref="SlotMemory"/>). Null measures it: the memory the runtime may take (a container's
    /// limit included) less <see cref="SlotMemory.ProcessReserveBytes"/>, shared by the slots.
    /// </summary>
    public long? MemoryPerSlotBytes { get; set; }

    /// <summary>How long an idle worker waits before asking the dispatcher again (a dispatcher on the same silo wakes it earlier).</summary>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the worker tells the dispatcher which leased batches it still holds.</summary>
    public TimeSpan RenewPeriod { get; set; } = TimeSpan.FromSeconds(5);
}
