namespace Sweep.Grains.Interfaces;

/// <summary>
/// The cluster's queue of batches waiting for a compute slot. Silos lease work only when a slot
/// is free, so no silo holds more batches than it has slots. The queue is rebuilt from the grid
/// points' persisted state: points re-enqueue their pending batches on a timer, and enqueueing
/// a batch that is already queued or leased does nothing.
/// </summary>
public interface IDispatcherGrain : IGrainWithIntegerKey
{
    Task Enqueue(BatchWork[] work);

    /// <summary>
    /// Up to max batches for the worker on a silo, each needing at most
    /// <paramref name="bytesPerSlot"/> of memory per compute slot (what a slot of that silo has);
    /// the lease lapses if that silo dies. A point whose batches no active silo can hold fails.
    /// <paramref name="slots"/> is the silo's number of compute slots, for <see cref="GetLoad"/>.
    /// </summary>
    Task<BatchWork[]> Lease(string silo, int max, long bytesPerSlot, int slots);

    /// <summary>The batch was started elsewhere or could not start here: back to the queue front.</summary>
    Task Return(BatchId id);

    /// <summary>
    /// The batches (grain keys) the silo's compute pool still holds. Its other leases older than
    /// the renewal grace go back to the queue: the silo lost them (a report that never arrived,
    /// a store write that failed after its retries). It also tells the silo's memory per slot,
    /// so a silo busy on every slot still counts as able to hold the batches that fit it, and its
    /// number of compute slots (<see cref="GetLoad"/>).
    /// </summary>
    Task Renew(string silo, string[] held, long bytesPerSlot, int slots);

    /// <summary>The batch is stored: forget it.</summary>
    Task Complete(BatchId id);

    /// <summary>Drops every queued batch of a campaign.</summary>
    Task CancelCampaign(string campaign);

    /// <summary>
    /// Drops those of <paramref name="batches"/> that are queued and not leased, and returns
    /// them: a point with a precision target that stopped no longer needs its batches past the
    /// stopping checkpoint. Leased ones run on (their results are stored, not merged).
    /// </summary>
    Task<BatchId[]> Withdraw(BatchId[] batches);

    /// <summary>Batches of the campaign queued or leased here: what a delete must wait for.</summary>
    Task<int> CountInFlight(string campaign);

    /// <summary>(queued, leased) counts.</summary>
    Task<(int Queued, int Leased)> GetCounts();

    /// <summary>Per-silo slots, busy slots and batches per second, and the queue: what `status` and the dashboard show.</summary>
    Task<ComputeLoad> GetLoad();
}
