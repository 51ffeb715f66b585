using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Sweep.Grains.Batches;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Compute;

/// <summary>
/// Stores a freshly computed batch result as its realization-batch grain's state, through the
/// same grain storage provider and state name, without activating the grain: a batch that was
/// never dispatched before has no state to read, and an activation per batch (placement,
/// directory, a storage read, deactivation) is what made small batches slow. The grain reads
/// the row as its own state whenever it is activated later.
/// </summary>
public sealed class BatchResultStore
{
    private readonly IGrainFactory _grains;
    private readonly IGrainStorage _storage;

    public BatchResultStore(IGrainFactory grains, IServiceProvider services)
    {
        _grains = grains;
        _storage = services.GetRequiredKeyedService<IGrainStorage>(StorageSchema.Provider);
    }

    /// <summary>
    /// Writes the result if the batch has no stored state yet; false when a row already exists
    /// (stored by another attempt), in which case the stored result is the one that counts.
    /// </summary>
    public async Task<bool> TryStoreNewAsync(BatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        GrainId id = _grains.GetGrain<IRealizationBatchGrain>(result.Id.GrainKey).GetGrainId();
        var state = new GrainState<BatchState>(new BatchState { Result = result });
        try
        {
            // No etag: the write succeeds only if nothing is stored under this batch yet.
            await _storage.WriteStateAsync(RealizationBatchGrain.StateName, id, state);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }
}
