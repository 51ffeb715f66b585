using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sweep.Grains.Batches;
using Sweep.Grains.Compute;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Mapping;
using Sweep.Physics.Ensemble;
using Sweep.Physics.Points;

namespace Sweep.Grains.Points;

/// <summary>
/// One grid point: plans its batches, hands them to the dispatcher, merges each reported
/// batch exactly once, and fits when the last one is in. A timer over the persisted plan
/// re-dispatches batches that have not reported back.
/// </summary>
public sealed class GridPointGrain : Grain, IGridPointGrain
{
    // Batch reads or erases issued at once (extending or deleting a point): enough to hide the
    // store's latency, few enough not to flood it when a point has thousands of batches.
    private const int StoreCallsInFlight = 32;

    private readonly IPersistentState<PointState> _state;
    private readonly IBatchResultStore _batches;
    private readonly PointOptions _options;
    private readonly ILogger<GridPointGrain> _logger;
    private IGrainTimer? _redispatch;
    private IGrainTimer? _flush;
    private EnsembleAccumulator? _merged;
    private bool _dirty;

    // Batches planned by this activation and not dispatched yet: nobody can have computed
    // them, so their first dispatch skips the stored-result check (see BatchWork.MayBeStored).
    private readonly HashSet<long> _neverDispatched = new();

    public GridPointGrain(
        [PersistentState("point", StorageSchema.Provider)] IPersistentState<PointState> state,
        IBatchResultStore batches,
        IOptions<PointOptions> options,
        ILogger<GridPointGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _state = state;
        _batches = batches;
        _options = options.Value;
        _logger = logger;
    }

    private PointState S => _state.State;

    public async Task<PointSummary> Start(PointAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        if (S.Assignment is { } stored)
        {
            if (stored.Settings != assignment.Settings)
            {
                throw new InvalidOperationException($"point {assignment.Key.GrainKey} was stored with other settings");
            }

            if (assignment.Ns < stored.Ns)
            {
                throw new InvalidOperationException($"point {assignment.Key.GrainKey} already has Ns = {stored.Ns}; it cannot be lowered to {assignment.Ns}");
            }
        }

        bool changed = !Same(S.Assignment, assignment) || S.Cancelled;
        S.Assignment = assignment;
        S.Cancelled = false;
        List<PlannedBatch> plan = BatchPlan.Extend(S.Plan, assignment.Ns, assignment.Settings.BatchSize);
        if (plan.Count != S.Plan.Count)
        {
            _neverDispatched.UnionWith(plan.Skip(S.Plan.Count).Select(b => b.First));
            S.Plan = plan;
            S.Result = null;
            if (S.Sums is null && _merged is null && S.Merged.Count > 0)
            {
                await RebuildMergedSums(assignment);
            }

            changed = true;
        }

        if (changed)
        {
            await Flush();
        }

        if (S.Failure is null && S.Result is null && AllMerged())
        {
            await Analyze();
        }

        // The campaign re-starts unfinished points every few seconds in case they lost their
        // activation; a live one with its own re-dispatch timer has nothing new to enqueue
        // unless its plan just changed.
        if (IsRunning() && (changed || _redispatch is null))
        {
            await Dispatch();
            EnsureTimer();
        }

        return Summary();
    }

    public async Task<bool> ReportBatch(BatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        long first = result.Id.First;
        if (S.Assignment is null || result.Id.Point.GrainKey != this.GetPrimaryKeyString() || S.Merged.Contains(first) || !S.Plan.Contains(new PlannedBatch(first, result.Id.Count)))
        {
            return false;
        }

        // A result stored for a deleted campaign of the same name under other settings must
        // never be merged; the batch is computed afresh when it is dispatched again.
        if (result.Provenance.Settings != S.Assignment.Settings)
        {
            _logger.LogWarning("point {Point} refused batch {Batch}: it was computed with other settings", this.GetPrimaryKeyString(), result.Id.GrainKey);
            return false;
        }

        _merged ??= S.Sums?.ToAccumulator() ?? new EnsembleAccumulator(result.Sums.TimePoints);
        _merged.Merge(result.Sums.ToAccumulator());
        S.Merged.Add(first);
        S.Snapshot = result.Snapshot ?? S.Snapshot;
        if (S.Failure is null && AllMerged())
        {
            await Analyze();
        }
        else
        {
            // The batch's own result is already stored, so the merged sums can be persisted
            // lazily: after a crash, batches merged since the last flush are re-dispatched and
            // their stored results are reported again, without recomputing.
            _dirty = true;
            EnsureFlushTimer();
        }

        Notify();
        return true;
    }

    public async Task ReportFailure(BatchId id, int attempt, string reason)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (S.Assignment is null || S.Merged.Contains(id.First) || S.Failure is not null)
        {
            return;
        }

        S.FailedAttempts[id.First] = Math.Max(attempt, S.FailedAttempts.GetValueOrDefault(id.First));
        if (attempt >= _options.MaxAttempts)
        {
            S.Failure = $"batch of realizations {id.First}..{id.First + id.Count - 1} failed {attempt} times; last error: {reason}";
            _logger.LogError("point {Point} failed: {Failure}", id.Point.GrainKey, S.Failure);
            StopTimers();
        }

        await Flush();
        if (S.Failure is null)
        {
            await Dispatch();
        }

        Notify();
    }

    public Task<PointSummary> GetSummary() => Task.FromResult(Summary());

    public Task<PointResult?> GetResult() => Task.FromResult(S.Result);

    public async Task Cancel()
    {
        if (S.Assignment is null || S.Cancelled)
        {
            return;
        }

        S.Cancelled = true;
        StopTimers();
        await Flush();
    }

    public Task<SpinSnapshotData?> GetSnapshot() => Task.FromResult(S.Snapshot);

    public async Task<int> Delete()
    {
        StopTimers();
        _dirty = false;
        _merged = null;
        _neverDispatched.Clear();

        int erased = 0;
        if (S.Assignment is { } a)
        {
            BatchId[] batches = S.Plan.Select(b => new BatchId(a.Key, b.First, b.Count)).ToArray();
            foreach (BatchId[] chunk in batches.Chunk(StoreCallsInFlight))
            {
                bool[] done = await Task.WhenAll(chunk.Select(_batches.EraseAsync));
                erased += done.Count(d => d);
            }
        }

        if (_state.RecordExists)
        {
            await _state.ClearStateAsync();
            erased++;
        }

        // Nothing left in memory to write back, and the next call starts from empty state.
        _state.State = new PointState();
        DeactivateOnIdle();
        return erased;
    }

    /// <summary>
    /// A finished point keeps its result, not its merged sums: when it is extended, the sums of
    /// its merged batches are read back from their stored results. A batch whose result is gone
    /// (or was stored under other settings) is no longer counted as merged and is dispatched again.
    /// </summary>
    private async Task RebuildMergedSums(PointAssignment assignment)
    {
        var merged = new EnsembleAccumulator(assignment.Settings.TimePoints);
        var lost = new List<long>();
        PlannedBatch[] batches = S.Plan.Where(b => S.Merged.Contains(b.First)).ToArray();
        foreach (PlannedBatch[] chunk in batches.Chunk(StoreCallsInFlight))
        {
            BatchResult?[] results = await Task.WhenAll(chunk.Select(b => _batches.ReadAsync(new BatchId(assignment.Key, b.First, b.Count))));
            for (int i = 0; i < chunk.Length; i++)
            {
                if (results[i] is { } stored && stored.Provenance.Settings == assignment.Settings)
                {
                    merged.Merge(stored.Sums.ToAccumulator());
                }
                else
                {
                    lost.Add(chunk[i].First);
                }
            }
        }

        if (lost.Count > 0)
        {
            _logger.LogWarning("point {Point}: {Count} merged batches have no stored result; they are computed again", assignment.Key.GrainKey, lost.Count);
            S.Merged.ExceptWith(lost);
        }

        _merged = merged;
    }

    // Records compare arrays by reference; the observables are compared by content.
    private static bool Same(PointAssignment? a, PointAssignment b)
        => a is not null && a.Key == b.Key && a.Settings == b.Settings && a.Ns == b.Ns && a.Observables.SequenceEqual(b.Observables);

    private bool AllMerged() => S.Plan.Count > 0 && S.Plan.All(b => S.Merged.Contains(b.First));

    private bool IsRunning() => S.Assignment is not null && !S.Cancelled && S.Failure is null && S.Result is null;

    private async Task Dispatch()
    {
        PointAssignment a = S.Assignment!;
        BatchWork[] pending = S.Plan
            .Where(b => !S.Merged.Contains(b.First))
            .Select(b => new BatchWork(new BatchId(a.Key, b.First, b.Count), a.Settings, S.FailedAttempts.GetValueOrDefault(b.First) + 1, MayBeStored: !_neverDispatched.Remove(b.First)))
            .ToArray();
        if (pending.Length > 0)
        {
            await GrainFactory.GetGrain<IDispatcherGrain>(0).Enqueue(pending);
        }
    }

    private async Task Analyze()
    {
        PointAssignment a = S.Assignment!;
        EnsembleAccumulator sums = _merged ?? S.Sums!.ToAccumulator();
        GridPoint point = a.Key.Point;
        PointSettings settings = a.Settings.ToPointSettings();
        // Fitting with jackknife refits is CPU work: keep it off the grain's turn.
        PointAnalysis analysis = await Task.Run(() => GridPointAnalysis.Analyze(point, settings, settings.TimeGrid(point), sums));
        var provenance = new Provenance(
            BatchComputation.ProgramVersion, a.Settings.Kernel, "exact ensemble sums of stored batches", a.Settings, Environment.MachineName, DateTimeOffset.UtcNow);
        S.Result = analysis.ToResult(a.Key, provenance) with { Snapshot = S.Snapshot };
        // The merged sums are not kept once the result is: every batch's own result is stored,
        // and a second copy of about 100 kB per point was a large share of a small point's writes.
        _merged = null;
        S.Sums = null;
        await Flush();
        StopTimers();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await Flush();
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async Task Flush()
    {
        if (_merged is not null)
        {
            S.Sums = _merged.ToData();
        }

        await _state.WriteStateAsync();
        _dirty = false;
    }

    private void EnsureFlushTimer()
    {
        _flush ??= this.RegisterGrainTimer(
            async _ =>
            {
                if (_dirty)
                {
                    await Flush();
                }
            },
            new GrainTimerCreationOptions(_options.FlushPeriod, _options.FlushPeriod));
    }

    private void EnsureTimer()
    {
        _redispatch ??= this.RegisterGrainTimer(
            async _ =>
            {
                if (IsRunning())
                {
                    await Dispatch();
                }
            },
            new GrainTimerCreationOptions(_options.RedispatchPeriod, _options.RedispatchPeriod) { KeepAlive = true });
    }

    // Every caller writes the state right before or after, so the flush timer has nothing left
    // to do: a finished point's timer would otherwise tick every FlushPeriod for as long as the
    // activation lives.
    private void StopTimers()
    {
        _redispatch?.Dispose();
        _redispatch = null;
        _flush?.Dispose();
        _flush = null;
    }

    private void Notify()
    {
        if (S.Assignment is { } a)
        {
            GrainFactory.GetGrain<ICampaignGrain>(a.Key.Campaign).PointChanged(Summary()).Ignore();
        }
    }

    private PointSummary Summary() => PointProgress.Summarize(S);
}
