using Microsoft.Extensions.Options;
using Sweep.Campaigns;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Mapping;
using PointKey = Sweep.Grains.Interfaces.PointKey;

namespace Sweep.Grains.Campaigns;

/// <summary>
/// A campaign: validates and stores its spec, starts one grain per grid point, follows their
/// progress, and keeps the scaling tables current as points complete. In cluster mode a
/// durable reminder re-starts unfinished points, so the campaign outlives all of its silos.
/// </summary>
public sealed class CampaignGrain : Grain, ICampaignGrain, IRemindable
{
    private readonly IPersistentState<CampaignState> _state;
    private readonly ResumeReminder _resume;

    public CampaignGrain(
        [PersistentState("campaign", StorageSchema.Provider)] IPersistentState<CampaignState> state,
        IOptions<CampaignOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _state = state;
        _resume = new ResumeReminder(this, options.Value);
    }

    private CampaignState S => _state.State;

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
            if (SpecCompatibility.Check(stored, spec) is { } problem)
            {
                return Refuse(problem);
            }

            extended = stored != spec;
        }
        else
        {
            S.CreatedAt = DateTimeOffset.UtcNow;
        }

        var settings = new PointSettingsData(
            spec.Seed, spec.TimePoints, TimeUnitNames.Format(spec.TimeUnit), spec.FitUpper, spec.FitLower, spec.Kernel.Name, spec.BatchSize);
        var byKey = S.Points.ToDictionary(p => p.Key.GrainKey, StringComparer.Ordinal);
        foreach (CampaignPoint p in CampaignGrid.Expand(spec))
        {
            var key = new PointKey(spec.Name, p.Point.D, p.Point.Alpha, p.Point.X, p.Point.N);
            int ns = byKey.TryGetValue(key.GrainKey, out PointAssignment? old) ? Math.Max(old.Ns, p.Ns) : p.Ns;
            byKey[key.GrainKey] = new PointAssignment(key, settings, ns, ObservableNames.Format(p.Observables).ToArray());
        }

        S.SpecJson = CampaignSpecJson.Write(spec);
        S.Points = byKey.Values.OrderBy(p => p.Key.D).ThenBy(p => p.Key.Alpha).ThenBy(p => p.Key.X).ThenBy(p => p.Key.N).ToList();
        S.Cancelled = false;
        await _state.WriteStateAsync();

        PointSummary[] summaries = await StartPoints(S.Points);
        if (AllFinished())
        {
            await _resume.DropAsync();
        }
        else
        {
            await _resume.KeepAsync();
        }

        return new SubmitResult(null, S.Points.Count, summaries.Sum(s => s.BatchesTotal), summaries.Sum(s => s.BatchesDone), extended);
    }

    public Task<CampaignStatus> GetStatus()
    {
        if (S.SpecJson is null)
        {
            return Task.FromResult(new CampaignStatus(this.GetPrimaryKeyString(), false, false, 0, 0, 0, 0, 0, 0, 0, []));
        }

        PointSummary[] points = S.Points
            .Select(p => S.Summaries.TryGetValue(p.Key.GrainKey, out PointSummary? s) ? s : null)
            .OfType<PointSummary>()
            .ToArray();
        return Task.FromResult(new CampaignStatus(
            this.GetPrimaryKeyString(),
            true,
            S.Cancelled,
            S.Points.Count,
            points.Count(p => p.Status == PointStatus.Done),
            points.Count(p => p.Status == PointStatus.Failed),
            points.Sum(p => p.RealizationsDone),
            S.Points.Sum(p => (long)p.Ns),
            points.Sum(p => p.BatchesDone),
            points.Sum(p => p.BatchesTotal),
            points));
    }

    public async Task PointChanged(PointSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        string key = summary.Key.GrainKey;
        bool known = S.Summaries.TryGetValue(key, out PointSummary? before);
        if (!known && S.Points.All(p => p.Key.GrainKey != key))
        {
            return;
        }

        S.Summaries[key] = summary;
        bool finished = summary.Status is PointStatus.Done or PointStatus.Failed;
        if (finished && before?.Status != summary.Status)
        {
            RebuildTable();
            await _state.WriteStateAsync();
            if (AllFinished())
            {
                await _resume.DropAsync();
            }
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ResumeReminder.Name)
        {
            return;
        }

        if (S.SpecJson is null || S.Cancelled || AllFinished())
        {
            await _resume.DropAsync();
            return;
        }

        await StartPoints(S.Points.Where(p => !IsFinished(p)));
    }

    public Task<string?> GetSpec() => Task.FromResult(S.SpecJson);

    public async Task Cancel()
    {
        if (S.SpecJson is null)
        {
            return;
        }

        S.Cancelled = true;
        await _state.WriteStateAsync();
        await _resume.DropAsync();
        await GrainFactory.GetGrain<IDispatcherGrain>(0).CancelCampaign(this.GetPrimaryKeyString());
        await Task.WhenAll(S.Points.Select(p => GrainFactory.GetGrain<IGridPointGrain>(p.Key.GrainKey).Cancel()));
    }

    public Task<ScalingTable> GetTable()
    {
        if (S.Table is null)
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

    /// <summary>
    /// Starts points (again): each one stores its assignment, merges nothing twice and
    /// re-enqueues only batches that are not merged yet, so this is safe to repeat.
    /// </summary>
    private async Task<PointSummary[]> StartPoints(IEnumerable<PointAssignment> points)
    {
        PointSummary[] summaries = await Task.WhenAll(points.Select(p => GrainFactory.GetGrain<IGridPointGrain>(p.Key.GrainKey).Start(p)));
        foreach (PointSummary s in summaries)
        {
            S.Summaries[s.Key.GrainKey] = s;
        }

        RebuildTable();
        await _state.WriteStateAsync();
        return summaries;
    }

    private bool IsFinished(PointAssignment point)
        => S.Summaries.TryGetValue(point.Key.GrainKey, out PointSummary? s) && s.Status is PointStatus.Done or PointStatus.Failed;

    private bool AllFinished() => S.Points.All(IsFinished);

    private void RebuildTable()
    {
        double maxX = S.SpecJson is null ? 0.01 : CampaignSpecParser.Parse(S.SpecJson).GetSpecOrThrow().StrongDisorderMaxX;
        var ns = S.Points.ToDictionary(p => p.Key.GrainKey, p => p.Ns, StringComparer.Ordinal);
        var summaries = S.Points.Select(p => S.Summaries.GetValueOrDefault(p.Key.GrainKey)).OfType<PointSummary>();
        S.Table = TableMapping.Build(summaries, ns, maxX);
    }

    private static SubmitResult Refuse(string error) => new(error, 0, 0, 0, false);
}
