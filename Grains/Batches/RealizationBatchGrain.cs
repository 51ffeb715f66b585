using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Sweep.Grains.Compute;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Batches;

/// <summary>
/// A batch lives on the silo whose compute slot took it (prefer-local placement from the
/// silo's compute worker). A stored result is reported again instead of recomputed.
/// </summary>
[PreferLocalPlacement]
public sealed class RealizationBatchGrain : Grain, IRealizationBatchGrain
{
    /// <summary>The name of the batch's persistent state, shared with <see cref="BatchResultStore"/>.</summary>
    public const string StateName = "batch";

    private readonly IPersistentState<BatchState> _state;
    private readonly ComputePool _pool;
    private readonly ILogger<RealizationBatchGrain> _logger;
    private bool _running;

    public RealizationBatchGrain(
        [PersistentState(StateName, StorageSchema.Provider)] IPersistentState<BatchState> state,
        ComputePool pool,
        ILogger<RealizationBatchGrain> logger)
    {
        _state = state;
        _pool = pool;
        _logger = logger;
    }

    public async Task<bool> Start(BatchWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_state.State.Result is { } stored)
        {
            if (stored.Provenance.Settings == work.Settings)
            {
                await Report(stored);
                return true;
            }

            // Left by a deleted campaign of the same name (a computation that finished after
            // the delete): its bits belong to other settings, so compute afresh and overwrite.
            _logger.LogWarning("batch {Batch} has a stored result of other settings; recomputing", work.Id.GrainKey);
            _state.State.Result = null;
        }

        if (_running)
        {
            return true;
        }

        _running = _pool.TryStart(work);
        return _running;
    }

    public async Task Complete(BatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _running = false;
        if (NeedsStoring(result))
        {
            try
            {
                await Store(result);
            }
            catch (Orleans.Storage.InconsistentStateException)
            {
                // Another attempt stored this batch after this activation read its state
                // (see BatchResultStore): the stored result is the one that counts, unless it
                // is a deleted campaign's, computed with other settings.
                await _state.ReadStateAsync();
                if (NeedsStoring(result))
                {
                    await Store(result);
                }
            }
        }

        await Report(_state.State.Result ?? result);
    }

    public async Task Fail(BatchWork work, string reason)
    {
        ArgumentNullException.ThrowIfNull(work);
        _running = false;
        await GrainFactory.GetGrain<IDispatcherGrain>(0).Complete(work.Id);
        await GrainFactory.GetGrain<IGridPointGrain>(work.Id.Point.GrainKey).ReportFailure(work.Id, work.Attempt, reason);
        DeactivateOnIdle();
    }

    public Task<BatchResult?> GetStoredResult() => Task.FromResult(_state.State.Result);

    private bool NeedsStoring(BatchResult result)
        => _state.State.Result is not { } stored || stored.Provenance.Settings != result.Provenance.Settings;

    private async Task Store(BatchResult result)
    {
        _state.State.Result = result;
        await _state.WriteStateAsync();
        _logger.LogInformation("stored batch {Batch}", result.Id.GrainKey);
    }

    private async Task Report(BatchResult result)
    {
        await BatchReport.SendAsync(GrainFactory, result);
        // A reported batch has nothing left to do: let it go, so thousands of finished batches
        // (each holding its sums) do not stay in memory, and a later re-dispatch activates it
        // on the silo that leased it.
        DeactivateOnIdle();
    }
}
