using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Sweep.Grains.Batches;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Compute;

/// <summary>
/// Writes and erases a realization-batch grain's state through the same grain storage provider
/// and state name, without activating the grain: an activation per batch (placement, directory,
/// a storage read, deactivation) is what made small batches slow, and a deleted campaign can have
/// tens of thousands of batches. A freshly computed result is stored here; the grain reads the
/// row as its own state whenever it is activated later. Batch grains keep no state worth writing
/// back (they write only a missing result), so a live activation cannot undo an erase.
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

    /// <summary>The batch's stored result, or null when nothing is stored.</summary>
    public async Task<BatchResult?> ReadAsync(BatchId id)
    {
        (_, GrainState<BatchState> state) = await ReadStateAsync(id);
        return state.RecordExists ? state.State?.Result : null;
    }

    /// <summary>Erases the batch's stored result; false when nothing was stored.</summary>
    public async Task<bool> EraseAsync(BatchId id)
    {
        // Read first: the providers clear only under the stored etag.
        (GrainId grain, GrainState<BatchState> state) = await ReadStateAsync(id);
        if (!state.RecordExists)
        {
            return false;
        }

        await _storage.ClearStateAsync(RealizationBatchGrain.StateName, grain, state);
        return true;
    }

    private async Task<(GrainId Grain, GrainState<BatchState> State)> ReadStateAsync(BatchId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        GrainId grain = _grains.GetGrain<IRealizationBatchGrain>(id.GrainKey).GetGrainId();
        var state = new GrainState<BatchState>(new BatchState());
        await _storage.ReadStateAsync(RealizationBatchGrain.StateName, grain, state);
        return (grain, state);
    }
}
