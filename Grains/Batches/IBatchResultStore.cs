using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Batches;

/// <summary>
/// The one place batch results are kept, keyed by batch, with insert-if-absent writes: the first
/// result stored for a batch is the one every later reader gets. Implemented over the SQLite
/// file (local mode) and Redis (cluster mode); read by the compute worker before it computes
/// a batch that may be stored, and by a point that merges its batches again.
/// </summary>
public interface IBatchResultStore
{
    /// <summary>Stores the result unless one is stored under its batch; true when this call stored it.</summary>
    Task<bool> TryInsertAsync(BatchResult result);

    /// <summary>The batch's stored result, or null when none is stored.</summary>
    /// <exception cref="Storage.Payloads.StoredPayloadCorruptException">The stored bytes fail their checksum.</exception>
    Task<BatchResult?> ReadAsync(BatchId id);

    /// <summary>Erases the batch's stored result; false when none was stored.</summary>
    Task<bool> EraseAsync(BatchId id);
}
