using Microsoft.Extensions.Options;
using Sweep.Campaigns;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Points;
using Sweep.Grains.Storage;
using PointKey = Sweep.Grains.Interfaces.PointKey;

namespace Sweep.Grains.Campaigns;

/// <summary>
/// A campaign: validates and stores its spec, starts one grain per grid point, follows their
/// progress, and keeps the scaling tables current as points complete. While points are
/// unfinished a timer re-starts them (a point's own re-dispatch timer dies with its
/// activation); in cluster mode a durable reminder does the same after every silo died.
/// </summary>
public sealed class CampaignGrain : Grain, ICampaignGrain, IRemindable
{
    // Points erased at once while deleting; each erases its batches a few dozen at a time.
    private const int PointsErasedAtOnce = 8;

    private readonly IPersistentState<CampaignState> _state;
    private readonly ResumeReminder _reminder;
    private readonly PointOptions _pointOptions;
    private readonly CampaignOptions _options;
    private readonly DiskFullFault _diskFull;
    private IGrainTimer? _resumeTimer;
    private IGrainTimer? _tableTimer;
    private bool _tableStale;

    public CampaignGrain(
        [PersistentState("campaign", StorageSchema.Provider)] IPersistentState<CampaignState> state,
        IOptions<CampaignOptions> options,
        IOptions<PointOptions> pointOptions,
        DiskFullFault diskFull)
    {
        _diskFull = diskFull;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pointOptions);
        _state = state;
        _options = options.Value;
        _reminder = new ResumeReminder(this, options.Value);
        _pointOptions = pointOptions.Value;
    }

    private CampaignState S => _state.State;

    // When this activation last accepted a spec: the start of the run whose rate the ETA uses.
    private DateTimeOffset? _submittedAt;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.SpecJson is not null)
        {
            CampaignTables.TypedSettings(S);
        }

        EnsureResumeTimer();
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<SubmitResult> Submit(string specJson)
    {
        SpecParseResult parsed = CampaignSpecParser.Parse(specJson);
        if (!parsed.IsValid)
        {
            return Refuse(string.Join(Environment.NewLine, parsed.Errors));
        }

        CampaignSpec spec = parsed.Spec!;
        if (spec.Name != this.GetPrimaryKeyString())
        {
            return Refuse($"name: the spec names campaign '{spec.Name}' but was submitted to '{this.GetPrimaryKeyString()}'");
        }

        bool extended = false;
        if (S.SpecJson is not null)
        {
            CampaignSpec stored = CampaignSpecParser.Parse(S.SpecJson).GetSpecOrThrow();

            // A spec that names no kernel goes on with the stored campaign's, whatever today's default is.
            spec = spec with { Kernel = spec.KernelGiven ? spec.Kernel : stored.Kernel, KernelGiven = true };
            if (SpecCompatibility.Check(stored, spec) is { } problem)
            {
                return Refuse(problem);
            }

            // The stored kernel may hold fewer spins per slot than the default the spec was checked with.
            if (SpecLimits.Problems(spec) is { Count: > 0 } limits)
            {
                return Refuse(string.Join(Environment.NewLine, limits));
            }

            extended = stored != spec;
        }
        else
        {
            S.CreatedAt = DateTimeOffset.UtcNow;
            spec = spec with { KernelGiven = true };
        }

        var settings = new PointSettingsData(
            spec.Seed, spec.TimePoints, spec.TimeUnit, spec.FitUpper, spec.FitLower, spec.Kernel, spec.BatchSize);
        var byKey = S.Points.ToDictionary(p => p.Key.GrainKey, StringComparer.Ordinal);
        foreach (CampaignPoint p in CampaignGrid.Expand(spec))
        {
            var key = PointKey.Of(spec.Name, p.Point);
            int ns = byKey.TryGetValue(key.GrainKey, out PointAssignment? old) ? Math.Max(old.Ns, p.Ns) : p.Ns;
            TargetData? target = p.Target is { } t
                ? new TargetData(t.BetaError, [.. t.Observables], t.MinNs, t.MaxNs, t.Step)
                : null;
            byKey[key.GrainKey] = new PointAssignment(key, settings, ns, [.. p.Observables], target);
        }

        S.SpecJson = CampaignSpecJson.Write(spec);
        S.StrongDisorderMaxX = spec.StrongDisorderMaxX;
        S.Points = byKey.Values.OrderBy(p => p.Key.D).ThenBy(p => p.Key.Alpha).ThenBy(p => p.Key.X).ThenBy(p => p.Key.N).ToList();
        S.Cancelled = false;
        await _state.WriteStateAsync();
        _submittedAt = DateTimeOffset.UtcNow;
        await GrainFactory.GetGrain<ICampaignDirectoryGrain>(0).Register(spec.Name);

        PointSummary[] summaries = await StartPoints(S.Points, alwaysPersist: true);
        await KeepResumingWhileUnfinished();
        return new SubmitResult(null, S.Points.Count, summaries.Sum(s => s.BatchesTotal), summaries.Sum(s => s.BatchesDone), extended, summaries.Sum(s => s.BatchesFoundStored));
    }

    public Task<CampaignStatus> GetStatus()
        => Task.FromResult(CampaignProgress.Aggregate(this.GetPrimaryKeyString(), S, p => S.Summaries.GetValueOrDefault(p.Key.GrainKey)) with { DiskFull = _diskFull.Cause, SubmittedAt = _submittedAt });

    public async Task PointChanged(PointSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        string key = summary.Key.GrainKey;
        if (S.Points.All(p => p.Key.GrainKey != key))
        {
            return;
        }

        PointSummary? before = S.Summaries.GetValueOrDefault(key);
        if (!Supersedes(summary, before))
        {
            return;
        }

        S.Summaries[key] = summary;
        if (IsFinished(summary) && before?.Status != summary.Status)
        {
            if (StampFinish())
            {
                _tableTimer?.Dispose();
                _tableTimer = null;
                await PersistTable();
                await KeepResumingWhileUnfinished();
            }
            else
            {
                // Rebuilding the tables and rewriting the campaign at every finished point is
                // quadratic in the number of points; once per TablePeriod keeps `sweep status`
                // and `sweep table` at most that far behind. The point results themselves are
                // already stored by the points.
                _tableStale = true;
                _tableTimer ??= this.RegisterGrainTimer(
                    async _ =>
                    {
                        if (_tableStale)
                        {
                            await PersistTable();
                        }
                    },
                    new GrainTimerCreationOptions(_options.TablePeriod, _options.TablePeriod));
            }
        }
    }

    public async Task PointStateRebuilt(string pointGrainKey)
    {
        PointAssignment? point = S.Points.FirstOrDefault(p => p.Key.GrainKey == pointGrainKey);
        // A cancelled campaign computes nothing: its point is rebuilt when `sweep run` resumes it.
        if (point is not null && S.SpecJson is not null && !S.Cancelled)
        {
            await StartPoints([point], alwaysPersist: false);
            await KeepResumingWhileUnfinished();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_tableStale)
        {
            await PersistTable();
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async Task PersistTable()
    {
        RebuildTable();
        await _state.WriteStateAsync();
        _tableStale = false;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ResumeReminder.Name)
        {
            await ResumeUnfinishedPoints();
        }
    }

    public Task<string?> GetSpec() => Task.FromResult(S.SpecJson);

    public Task<string?> CheckStored() => StoredStateProbe.DamageAsync<CampaignState>(ServiceProvider, "campaign", this.GetGrainId());

    public async Task RewriteStoredState()
    {
        if (S.SpecJson is not null)
        {
            await _state.WriteStateAsync();
        }
    }

    public async Task Cancel()
    {
        if (S.SpecJson is null)
        {
            return;
        }

        S.Cancelled = true;
        await _state.WriteStateAsync();
        await KeepResumingWhileUnfinished();
        await GrainFactory.GetGrain<IDispatcherGrain>(0).CancelCampaign(this.GetPrimaryKeyString());
        await Task.WhenAll(S.Points.Select(p => GrainFactory.GetGrain<IGridPointGrain>(p.Key.GrainKey).Cancel()));
    }

    public Task<ScalingTable> GetTable()
    {
        if (S.Table is null || _tableStale)
        {
            RebuildTable();
        }

        return Task.FromResult(S.Table!);
    }

    public async Task<PointResult[]> GetResults()
    {
        PointResult?[] results = await Task.WhenAll(S.Points.Select(p => GrainFactory.GetGrain<IGridPointGrain>(p.Key.GrainKey).GetResult()));
        return results.OfType<PointResult>().ToArray();
    }

    public Task<PointSettingsData?> GetSettings() => Task.FromResult(S.Points.FirstOrDefault()?.Settings);

    public async Task<CampaignDeletion> Delete()
    {
        string name = this.GetPrimaryKeyString();
        if (S.SpecJson is null)
        {
            // Nothing stored (or a retried call whose first attempt finished the delete).
            return new CampaignDeletion(null, 0, 0);
        }

        int unfinished = S.Points.Count(p => !IsFinished(S.Summaries.GetValueOrDefault(p.Key.GrainKey)));
        if (!S.Cancelled && unfinished > 0)
        {
            return new CampaignDeletion(
                $"campaign '{name}' is running ({unfinished} of {S.Points.Count} points unfinished): stop it with `sweep cancel {name}` first, " +
                "then delete it once `sweep status` shows it cancelled and its batches in flight are stored; nothing was deleted",
                0,
                0);
        }

        // Batches leased before the cancel still compute, and would store their results after
        // the erase under the campaign's name.
        int inFlight = await GrainFactory.GetGrain<IDispatcherGrain>(0).CountInFlight(name);
        if (inFlight > 0)
        {
            return new CampaignDeletion(
                $"campaign '{name}' still has {inFlight} batches in flight (computing since before it was cancelled): " +
                "wait until they are stored (about one batch's compute time) and delete it again; nothing was deleted",
                0,
                0);
        }

        // The reminder and timers go first, so nothing re-starts a point while it is erased.
        _resumeTimer?.Dispose();
        _resumeTimer = null;
        _tableTimer?.Dispose();
        _tableTimer = null;
        _tableStale = false;
        await _reminder.DropAsync();

        // Points before the campaign's own state: a delete cut short leaves the campaign stored
        // and listed, and deleting it again finishes the job.
        int states = 0;
        foreach (PointAssignment[] chunk in S.Points.Chunk(PointsErasedAtOnce))
        {
            int[] erased = await Task.WhenAll(chunk.Select(p => GrainFactory.GetGrain<IGridPointGrain>(p.Key.GrainKey).Delete()));
            states += erased.Sum();
        }

        await GrainFactory.GetGrain<ICampaignDirectoryGrain>(0).Unregister(name);
        int points = S.Points.Count;
        if (_state.RecordExists)
        {
            await _state.ClearStateAsync();
            states++;
        }

        _state.State = new CampaignState();
        DeactivateOnIdle();
        return new CampaignDeletion(null, points, states);
    }

    // One-way progress reports can arrive out of order: an older report must never replace a
    // newer one (a finished point reported back as running would hold the campaign open).
    internal static bool Supersedes(PointSummary next, PointSummary? known)
    {
        if (known is null)
        {
            return true;
        }

        // A point never un-merges a realization, so a report with fewer is older news that
        // arrived late. Totals alone cannot order them: under a precision target a point's
        // total falls when it stops at a checkpoint (Running 11/20, then Done 16/16), so a late
        // "Running 11/20" would otherwise replace "Done 16/16". A point rebuilt from its stored
        // batches goes back through its Start reply (StartPoints), not through this rule.
        if (next.RealizationsDone < known.RealizationsDone)
        {
            return false;
        }

        if (next.BatchesTotal != known.BatchesTotal)
        {
            return true;
        }

        if (IsFinished(known))
        {
            return IsFinished(next);
        }

        return next.BatchesDone >= known.BatchesDone;
    }

    private static bool IsFinished(PointSummary? s) => s?.Status is PointStatus.Done or PointStatus.Failed;

    /// <summary>
    /// Starts points (again): each one stores its assignment, merges nothing twice and
    /// re-enqueues only batches that are not merged yet, so this is safe to repeat.
    /// </summary>
    private async Task<PointSummary[]> StartPoints(IEnumerable<PointAssignment> points, bool alwaysPersist)
    {
        PointSummary[] summaries = await Task.WhenAll(points.Select(p => GrainFactory.GetGrain<IGridPointGrain>(p.Key.GrainKey).Start(p)));
        bool finishedAny = false;
        foreach (PointSummary s in summaries)
        {
            PointSummary? known = S.Summaries.GetValueOrDefault(s.Key.GrainKey);
            // A reply is newer than any report processed before it (this grain does not
            // interleave), so it also counts when it goes back: a finished point whose stored
            // state was corrupt is computing again from its stored batches.
            if (Supersedes(s, known) || (IsFinished(known) && !IsFinished(s)))
            {
                finishedAny |= IsFinished(s) && known?.Status != s.Status;
                S.Summaries[s.Key.GrainKey] = s;
            }
        }

        DateTimeOffset? finishedAt = S.FinishedAt;
        StampFinish();

        // Progress alone is not worth a write: it is re-read from the points after a restart.
        if (alwaysPersist || finishedAny || finishedAt != S.FinishedAt)
        {
            await PersistTable();
        }

        return summaries;
    }

    private async Task ResumeUnfinishedPoints()
    {
        PointAssignment[] unfinished = S.SpecJson is null || S.Cancelled
            ? []
            : S.Points.Where(p => !IsFinished(S.Summaries.GetValueOrDefault(p.Key.GrainKey))).ToArray();
        if (unfinished.Length > 0)
        {
            await StartPoints(unfinished, alwaysPersist: false);
        }

        await KeepResumingWhileUnfinished();
    }

    private async Task KeepResumingWhileUnfinished()
    {
        bool running = S.SpecJson is not null && !S.Cancelled && S.Points.Any(p => !IsFinished(S.Summaries.GetValueOrDefault(p.Key.GrainKey)));
        if (running)
        {
            EnsureResumeTimer();
            await _reminder.KeepAsync();
        }
        else
        {
            _resumeTimer?.Dispose();
            _resumeTimer = null;
            await _reminder.DropAsync();
        }
    }

    private void EnsureResumeTimer()
    {
        if (S.SpecJson is not null && !S.Cancelled)
        {
            _resumeTimer ??= this.RegisterGrainTimer(
                _ => ResumeUnfinishedPoints(),
                new GrainTimerCreationOptions(_pointOptions.RedispatchPeriod, _pointOptions.RedispatchPeriod) { KeepAlive = true });
        }
    }

    /// <summary>
    /// Records when the last unfinished point finished (kept across re-submissions that add no
    /// work, cleared when an extension adds some); true when every point is finished.
    /// </summary>
    private bool StampFinish()
    {
        bool finished = S.Points.All(p => IsFinished(S.Summaries.GetValueOrDefault(p.Key.GrainKey)));
        S.FinishedAt = finished ? S.FinishedAt ?? DateTimeOffset.UtcNow : null;
        return finished;
    }

    private void RebuildTable() => S.Table = CampaignTables.Build(S, p => S.Summaries.GetValueOrDefault(p.Key.GrainKey));

    private static SubmitResult Refuse(string error) => new(error, 0, 0, 0, false);
}
