namespace Sweep.Grains.Interfaces;

/// <summary>
/// One batch of realizations (key: <see cref="BatchId.GrainKey"/>), activated on the silo whose
/// compute slot took it. It starts the computation on that silo's compute pool and returns at
/// once; the result is stored and reported to the grid point when the pool is done.
/// </summary>
public interface IRealizationBatchGrain : IGrainWithStringKey
{
    /// <summary>Starts the batch; false when this silo has no free compute slot.</summary>
    Task<bool> Start(BatchWork work);

    /// <summary>Called by the compute pool with the finished sums: stores them, then reports.</summary>
    Task Complete(BatchResult result);

    /// <summary>Called by the compute pool when the computation threw.</summary>
    Task Fail(BatchWork work, string reason);

    /// <summary>The stored result, if this batch has been computed before.</summary>
    Task<BatchResult?> GetStoredResult();
}
