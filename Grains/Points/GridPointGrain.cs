using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sweep.Grains.Batches;
using Sweep.Grains.Compute;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Mapping;
using Sweep.Grains.Storage;
using Sweep.Grains.Storage.Payloads;
using Sweep.Physics.Ensemble;
using Sweep.Physics.Points;
using Sweep.Physics.Precision;

namespace Sweep.Grains.Points;

/// <summary>
/// One grid point: plans its batches, hands them to the dispatcher, merges each reported
/// batch exactly once, and fits when the last one is in. A timer over the persisted plan
/// re-dispatches batches that have not reported back. With a precision target the plan grows
/// checkpoint by checkpoint: only batches up to the next undecided checkpoint are merged, the
/// decision there is taken on exactly those sums (off the grain's turn, like the final fit) and
/// stored, and batches reported ahead of it wait in memory until their checkpoint is next.
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

    // Batches this activation merged from the store rather than from a computation: batches a
    // stopped run stored but had not flushed into the point's state. Counted so that a client
    // does not report them as computed; an activation starts again at 0.
    private int _foundStored;

    // What this activation merged from computations, for the ETA's cost per realization.
    private long _realizationsComputed;
    private double _computeSeconds;

    // Batches planned by this activation and not dispatched yet: nobody can have computed
    // them, so their first dispatch skips the stored-result check (see BatchWork.MayBeStored).
    private readonly HashSet<long> _neverDispatched = new();

    // Precision targets: batches reported past the next undecided checkpoint, merged when it is
    // decided. Not persisted: after a restart they are dispatched again and reported from the store.
    private readonly Dictionary<long, BatchResult> _ahead = new();

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

    // Set while the point rebuilds a state whose stored payload was corrupt: its result is not
    // known again until every stored batch is merged once more.
    private string? _rebuilding;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.CorruptPayload is { } damage)
        {
            _rebuilding = damage;
            string key = this.GetPrimaryKeyString();
            _logger.LogError("point {Point}: {Damage}; rebuilding it from its stored batches", key, damage);
            // Only the campaign knows the point's assignment (campaign names hold no '/').
            GrainFactory.GetGrain<ICampaignGrain>(key[..key.IndexOf('/', StringComparison.Ordinal)]).PointStateRebuilt(key).Ignore();
        }

        return base.OnActivateAsync(cancellationToken);
    }

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
        if (S.Failure is { } failure && failure.StartsWith(SlotMemory.UnplaceablePrefix, StringComparison.Ordinal))
        {
            // Unlike a batch that threw, this one may fit now: the run may have bigger slots.
            S.Failure = null;
            changed = true;
        }

        S.Assignment = assignment;
        S.Cancelled = false;
        List<PlannedBatch> plan = assignment.Target is null
            ? BatchPlan.Extend(S.Plan, assignment.Ns, assignment.Settings.BatchSize)
            : TargetPlan();
        if (plan.Count != S.Plan.Count)
        {
            // A batch planned before, past an earlier stopping point, may well be stored, and so
            // may every batch of a rebuilt plan: those are looked up before they are computed.
            var before = S.Beyond.Select(b => b.First).ToHashSet();
            S.Beyond.RemoveAll(b => plan.Contains(b));
            if (S.CorruptPayload is null)
            {
                _neverDispatched.UnionWith(plan.Skip(S.Plan.Count).Select(b => b.First).Where(first => !before.Contains(first)));
            }

            S.CorruptPayload = null;
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

        if (assignment.Target is not null)
        {
            await Advance();
        }
        else if (S.Failure is null && S.Result is null && AllMerged())
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

    public async Task<bool> ReportBatch(BatchResult result, bool fromStore)
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

        if (S.Assignment.Target is { } target && first + result.Id.Count > target.Position(S.Decisions).NextCheckpoint)
        {
            // Past the next undecided checkpoint: merging it now would mix realizations of later
            // checkpoints into that decision.
            _ahead[first] = result;
            CountOrigin(result, fromStore);
            return true;
        }

        Merge(result);
        CountOrigin(result, fromStore);
        if (S.Assignment.Target is not null)
        {
            await Advance();
            if (S.Result is null)
            {
                _dirty = true;
                EnsureFlushTimer();
            }
        }
        else if (S.Failure is null && AllMerged())
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

    public async Task Fail(string reason)
    {
        if (!IsRunning())
        {
            return;
        }

        S.Failure = reason;
        _logger.LogError("point {Point} failed: {Failure}", S.Assignment!.Key.GrainKey, reason);
        StopTimers();
        await Flush();
        Notify();
    }

    public Task<PointSummary> GetSummary() => Task.FromResult(Summary());

    public Task<PointResult?> GetResult() => Task.FromResult(Usable(S.Result)?.Summarized());

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

    public async Task<StoredPointCheck> CheckStored()
    {
        string? damage = await StoredStateProbe.DamageAsync<PointState>(ServiceProvider, "point", this.GetGrainId());
        var checks = new List<StoredBatchCheck>();
        if (S.Assignment is { } a)
        {
            foreach (PlannedBatch[] chunk in S.Plan.Chunk(StoreCallsInFlight))
            {
                StoredBatchCheck[] done = await Task.WhenAll(chunk.Select(b => CheckBatchAsync(new BatchId(a.Key, b.First, b.Count), a.Settings)));
                checks.AddRange(done);
            }
        }

        PointKey key = S.Assignment?.Key ?? KeyFromGrainId();
        return new StoredPointCheck(key, damage, S.Assignment?.Settings, S.Result is not null, checks.ToArray());
    }

    public Task<BatchResult?> ReadStoredBatch(BatchId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _batches.ReadAsync(id);
    }

    public async Task<bool> StoreRecomputedBatch(BatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (S.Assignment is not { } a || result.Id.Point.GrainKey != this.GetPrimaryKeyString()
            || !S.Plan.Contains(new PlannedBatch(result.Id.First, result.Id.Count)) || result.Provenance.Settings != a.Settings)
        {
            return false;
        }

        StoredBatchCheck now = await CheckBatchAsync(result.Id, a.Settings);
        if (now.Condition is StoredCondition.Intact or StoredCondition.OtherSettings)
        {
            return false;
        }

        if (now.Condition == StoredCondition.Corrupt)
        {
            await _batches.EraseAsync(result.Id);
        }

        bool stored = await _batches.TryInsertAsync(result);
        _logger.LogWarning("batch {Batch}: stored again as computed by sweep verify --repair ({Was})", result.Id.GrainKey, now.Condition);
        return stored;
    }

    public async Task RewriteStoredState()
    {
        // A point that started from empty writes its state once its campaign has started it
        // again (the plan comes from the campaign); until then there is nothing better to write.
        if (S.Assignment is not null)
        {
            await Flush();
        }
    }

    // "campaign/d/alpha/x/N" (PointKey.GrainKey): the key of a point that lost its assignment with its state.
    private PointKey KeyFromGrainId()
    {
        string[] parts = this.GetPrimaryKeyString().Split('/');
        return new PointKey(
            parts[0],
            int.Parse(parts[1], CultureInfo.InvariantCulture),
            double.Parse(parts[2], CultureInfo.InvariantCulture),
            double.Parse(parts[3], CultureInfo.InvariantCulture),
            int.Parse(parts[4], CultureInfo.InvariantCulture));
    }

    private async Task<StoredBatchCheck> CheckBatchAsync(BatchId id, PointSettingsData settings)
    {
        bool merged = S.Merged.Contains(id.First);
        try
        {
            BatchResult? stored = await _batches.ReadAsync(id);
            return stored is null ? new StoredBatchCheck(id, merged, StoredCondition.Missing, null)
                : stored.Provenance.Settings != settings ? new StoredBatchCheck(id, merged, StoredCondition.OtherSettings, null)
                : new StoredBatchCheck(id, merged, StoredCondition.Intact, null);
        }
        catch (StoredPayloadCorruptException e)
        {
            return new StoredBatchCheck(id, merged, StoredCondition.Corrupt, e.Message);
        }
    }

    // A point stored by an older build may hold the full snapshot (every spin's P_i): readers get the summary.
    public Task<SpinSnapshotData?> GetSnapshot() => Task.FromResult(Usable(S.Snapshot)?.Summarized());

    // What readers get of a point being rebuilt is the corruption, never a partial result.
    private T? Usable<T>(T? value)
        where T : class
        => _rebuilding is null || S.Result is not null || S.Failure is not null
            ? value
            : throw new StoredPayloadCorruptException($"point/{this.GetPrimaryKeyString()}", $"{_rebuilding}; it is being rebuilt from its stored batches, read it again when it is done");

    public async Task<int> Delete()
    {
        StopTimers();
        _dirty = false;
        _merged = null;
        _neverDispatched.Clear();
        _ahead.Clear();

        int erased = 0;
        if (S.Assignment is { } a)
        {
            BatchId[] batches = S.Plan.Concat(S.Beyond).Select(b => new BatchId(a.Key, b.First, b.Count)).ToArray();
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
            BatchResult?[] results = await Task.WhenAll(chunk.Select(b => ReadIntactAsync(new BatchId(assignment.Key, b.First, b.Count))));
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

    // A stored result that fails its checksum counts as missing: the batch is computed again
    // (the same bits, since results are deterministic) and the new result replaces it.
    private async Task<BatchResult?> ReadIntactAsync(BatchId id)
    {
        try
        {
            return await _batches.ReadAsync(id);
        }
        catch (StoredPayloadCorruptException e)
        {
            _logger.LogError("batch {Batch}: {Error}; it is computed again", id.GrainKey, e.Message);
            return null;
        }
    }

    // Records compare arrays by reference; the observables are compared by content.
    private static bool Same(PointAssignment? a, PointAssignment b)
        => a is not null && a.Key == b.Key && a.Settings == b.Settings && a.Ns == b.Ns && a.Observables.SequenceEqual(b.Observables)
            && SameTarget(a.Target, b.Target);

    private static bool SameTarget(TargetData? a, TargetData? b)
        => a is null || b is null
            ? a is null && b is null
            : a with { Observables = b.Observables } == b && a.Observables.SequenceEqual(b.Observables);

    private bool AllMerged() => S.Plan.Count > 0 && S.Plan.All(b => S.Merged.Contains(b.First));

    private bool IsRunning() => S.Assignment is not null && !S.Cancelled && S.Failure is null && S.Result is null;

    private async Task Dispatch()
    {
        PointAssignment a = S.Assignment!;
        long needed = a.Target is { } target ? target.Position(S.Decisions).NextCheckpoint : long.MaxValue;
        BatchWork[] pending = S.Plan
            .Where(b => !S.Merged.Contains(b.First) && !_ahead.ContainsKey(b.First))
            .Select(b => new BatchWork(
                new BatchId(a.Key, b.First, b.Count),
                a.Settings,
                S.FailedAttempts.GetValueOrDefault(b.First) + 1,
                MayBeStored: !_neverDispatched.Remove(b.First),
                Speculative: b.First + b.Count > needed))
            .ToArray();
        if (pending.Length > 0)
        {
            await GrainFactory.GetGrain<IDispatcherGrain>(0).Enqueue(pending);
        }
    }

    private async Task Analyze() => await StoreResult(await AnalyzeMerged());

    private void Merge(BatchResult result)
    {
        _merged ??= S.Sums?.ToAccumulator() ?? new EnsembleAccumulator(result.Sums.TimePoints);
        _merged.Merge(result.Sums.ToAccumulator());
        S.Merged.Add(result.Id.First);
        // A batch stored whole by an older build is kept as its summary: the point's own state stays small.
        S.Snapshot = result.Snapshot?.Summarized() ?? S.Snapshot;
    }

    // Fitting with jackknife refits is CPU work: keep it off the grain's turn. The grain is not
    // reentrant, so nothing merges into the sums while the fits run.
    private Task<PointAnalysis> AnalyzeMerged()
    {
        PointAssignment a = S.Assignment!;
        EnsembleAccumulator sums = _merged ?? S.Sums?.ToAccumulator() ?? new EnsembleAccumulator(a.Settings.TimePoints);
        GridPoint point = a.Key.Point;
        PointSettings settings = a.Settings.ToPointSettings();
        return Task.Run(() => GridPointAnalysis.Analyze(point, settings, settings.TimeGrid(point), sums));
    }

    /// <summary>
    /// The plan of a point with a precision target: every batch up to the Ns predicted so far (the
    /// next checkpoint at least), plus <see cref="PointOptions.AheadBatches"/> more, never past
    /// maxNs; once stopped, the batches up to the stopping point.
    /// </summary>
    private List<PlannedBatch> TargetPlan()
    {
        PointAssignment a = S.Assignment!;
        TargetData target = a.Target!;
        TargetPosition at = target.Position(S.Decisions);
        if (at.Stopped)
        {
            return S.Plan;
        }

        List<PlannedBatch> plan = BatchPlan.Extend(S.Plan, at.PredictedNs, a.Settings.BatchSize, target.Step);
        return BatchPlan.Append(plan, _options.AheadBatches, target.MaxNs, a.Settings.BatchSize, target.Step);
    }

    /// <summary>
    /// Takes every decision whose checkpoint is complete: the merged sums are then exactly those of
    /// realizations 0 .. checkpoint - 1. Each decision is stored at once; going on extends the plan
    /// and merges what was reported ahead; stopping stores the checkpoint's analysis as the result.
    /// </summary>
    private async Task Advance()
    {
        TargetData target = S.Assignment!.Target!;
        PrecisionTarget rule = target.ToPrecisionTarget();
        while (S.Failure is null && S.Result is null && !S.Cancelled)
        {
            TargetPosition at = target.Position(S.Decisions);
            long checkpoint = at.Stopped ? at.Stop!.Checkpoint : at.NextCheckpoint;
            if (BatchPlan.End(S.Plan) < checkpoint || S.Plan.Any(b => b.First < checkpoint && !S.Merged.Contains(b.First)))
            {
                return;
            }

            PointAnalysis analysis = await AnalyzeMerged();
            if (!at.Stopped)
            {
                CheckpointDecision decision = PrecisionStopping.Decide(rule, checkpoint, analysis.Mag.BetaJackknifeError, analysis.Pur.BetaJackknifeError);
                S.Decisions.Add(CheckpointRecord.Of(decision));
                if (!decision.Stops)
                {
                    await GoOn();
                    continue;
                }
            }

            List<PlannedBatch> beyond = S.Plan.Where(b => b.First >= checkpoint).ToList();
            S.Plan.RemoveAll(b => b.First >= checkpoint);
            _ahead.Clear();
            S.Beyond.AddRange(await WithdrawQueued(beyond));
            await StoreResult(analysis);
            return;
        }
    }

    // Batches planned past a stopping point that still wait in the dispatcher's queue are never
    // computed: with many points, a prediction from a noisy error had queued up to 20 batches per
    // point, and most of the compute of a target campaign went to results that were never merged.
    // The others (leased, or already reported ahead) are stored: those are returned.
    private async Task<IEnumerable<PlannedBatch>> WithdrawQueued(List<PlannedBatch> beyond)
    {
        if (beyond.Count == 0)
        {
            return beyond;
        }

        PointKey key = S.Assignment!.Key;
        BatchId[] dropped = await GrainFactory.GetGrain<IDispatcherGrain>(0).Withdraw(beyond.Select(b => new BatchId(key, b.First, b.Count)).ToArray());
        var gone = dropped.Select(d => d.First).ToHashSet();
        return beyond.Where(b => !gone.Contains(b.First));
    }

    // After a decision to go on: the plan grows to the new prediction, the batches reported ahead
    // that now lie before the next checkpoint are merged, and the decision is stored.
    private async Task GoOn()
    {
        List<PlannedBatch> plan = TargetPlan();
        _neverDispatched.UnionWith(plan.Skip(S.Plan.Count).Select(b => b.First));
        S.Plan = plan;
        long next = S.Assignment!.Target!.Position(S.Decisions).NextCheckpoint;
        foreach (BatchResult ready in _ahead.Values.Where(r => r.Id.First + r.Id.Count <= next).OrderBy(r => r.Id.First).ToArray())
        {
            _ahead.Remove(ready.Id.First);
            Merge(ready);
        }

        await Flush();
        if (IsRunning())
        {
            // Also when the plan did not grow: batches up to the new next checkpoint are no longer speculative.
            await Dispatch();
        }
    }

    private async Task StoreResult(PointAnalysis analysis)
    {
        PointAssignment a = S.Assignment!;
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

    private void CountOrigin(BatchResult result, bool fromStore)
    {
        if (fromStore)
        {
            _foundStored++;
        }
        else
        {
            _realizationsComputed += result.Id.Count;
            _computeSeconds += result.ComputeSeconds;
        }
    }

    private PointSummary Summary() => PointProgress.Summarize(S) with
    {
        BatchesFoundStored = _foundStored,
        RealizationsComputed = _realizationsComputed,
        ComputeSeconds = _computeSeconds,
    };
}
