namespace Sweep.Grains.Interfaces;

/// <summary>One grid point of a campaign (key: <see cref="PointKey.GrainKey"/>): batches, merged sums, fits.</summary>
public interface IGridPointGrain : IGrainWithStringKey
{
    /// <summary>Starts or extends the point (raising Ns adds batches); returns at once.</summary>
    Task<PointSummary> Start(PointAssignment assignment);

    /// <summary>Merges a batch's sums; false when that batch was already counted.</summary>
    Task<bool> ReportBatch(BatchResult result);

    /// <summary>A batch attempt failed; retried until the attempt cap, then the point fails.</summary>
    Task ReportFailure(BatchId id, int attempt, string reason);

    Task<PointSummary> GetSummary();

    /// <summary>The finished point, or null while it is still computing.</summary>
    Task<PointResult?> GetResult();

    /// <summary>Stops dispatching new batches; stored results stay.</summary>
    Task Cancel();

    /// <summary>The Fig. 1 snapshot, stored once the batch holding realization 0 is in (also while the point runs).</summary>
    Task<SpinSnapshotData?> GetSnapshot();

    /// <summary>
    /// Erases the stored state of every planned batch and of the point itself, then deactivates
    /// without writing; returns the stored states erased. Only its campaign calls this, once
    /// nothing of the point is in flight.
    /// </summary>
    Task<int> Delete();
}
