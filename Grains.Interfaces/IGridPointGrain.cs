namespace Sweep.Grains.Interfaces;

/// <summary>One grid point of a campaign (key: <see cref="PointKey.GrainKey"/>): batches, merged sums, fits.</summary>
public interface IGridPointGrain : IGrainWithStringKey
{
    /// <summary>Starts or extends the point (raising Ns adds batches); returns at once.</summary>
    Task<PointSummary> Start(PointAssignment assignment);

    /// <summary>
    /// Merges a batch's sums; false when that batch was already counted. FromStore says the
    /// result was found stored instead of computed (a resumed run), which the point counts so
    /// that a client can tell computed batches from reused ones.
    /// </summary>
    Task<bool> ReportBatch(BatchResult result, bool fromStore);

    /// <summary>A batch attempt failed; retried until the attempt cap, then the point fails.</summary>
    Task ReportFailure(BatchId id, int attempt, string reason);

    /// <summary>Fails the point with the reason, unless it has already finished, failed or been cancelled (no silo can hold its batches).</summary>
    Task Fail(string reason);

    Task<PointSummary> GetSummary();

    /// <summary>The finished point, or null while it is still computing.</summary>
    Task<PointResult?> GetResult();

    /// <summary>Stops dispatching new batches; stored results stay.</summary>
    Task Cancel();

    /// <summary>The Fig. 1 snapshot, stored once the batch holding realization 0 is in (also while the point runs).</summary>
    Task<SpinSnapshotData?> GetSnapshot();

    /// <summary>
    /// Reads back what is stored of the point (its own state and every planned batch) and says
    /// what is intact, missing or corrupt; changes nothing (`sweep verify`).
    /// </summary>
    Task<StoredPointCheck> CheckStored();

    /// <summary>A planned batch's stored result, or null; throws when it is corrupt.</summary>
    Task<BatchResult?> ReadStoredBatch(BatchId id);

    /// <summary>
    /// Stores a batch result computed again (`sweep verify --repair`) in place of a corrupt or
    /// missing one; false, storing nothing, when an intact result is stored or the result is
    /// not one of this point's batches with its settings.
    /// </summary>
    Task<bool> StoreRecomputedBatch(BatchResult result);

    /// <summary>
    /// Writes the point's state again over a damaged stored copy (`sweep verify --repair`): the
    /// state in memory, or the one rebuilt from its stored batches when the point had to start
    /// from empty.
    /// </summary>
    Task RewriteStoredState();

    /// <summary>
    /// Erases the stored state of every planned batch and of the point itself, then deactivates
    /// without writing; returns the stored states erased. Only its campaign calls this, once
    /// nothing of the point is in flight.
    /// </summary>
    Task<int> Delete();
}
