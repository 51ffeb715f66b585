using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Batches;

/// <summary>
/// Erases a realization batch's stored state through the grain storage provider, without
/// activating the batch grain: a deleted campaign can have tens of thousands of batches, and
/// an activation per batch only to clear it costs placement, a read and a deactivation each.
/// Batch grains keep no state worth writing back (they write only a missing result), so an
/// activation that happens to be alive cannot undo the erase.
/// </summary>
public sealed class BatchStateEraser
{
    private readonly IGrainFactory _grains;
    private readonly IGrainStorage _storage;

    public BatchStateEraser(IGrainFactory grains, IServiceProvider services)
    {
        _grains = grains;
        _storage = services.GetRequiredKeyedService<IGrainStorage>(StorageSchema.Provider);
    }

    /// <summary>Erases the batch's stored result; false when nothing was stored.</summary>
    public async Task<bool> EraseAsync(BatchId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        GrainId grain = _grains.GetGrain<IRealizationBatchGrain>(id.GrainKey).GetGrainId();
        var state = new GrainState<BatchState>(new BatchState());

        // Read first: the providers clear only under the stored etag.
        await _storage.ReadStateAsync(RealizationBatchGrain.StateName, grain, state);
        if (!state.RecordExists)
        {
            return false;
        }

        await _storage.ClearStateAsync(RealizationBatchGrain.StateName, grain, state);
        return true;
    }
}
