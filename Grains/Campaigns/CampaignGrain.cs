using Sweep.Campaigns;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Mapping;
using PointKey = Sweep.Grains.Interfaces.PointKey;

namespace Sweep.Grains.Campaigns;

/// <summary>
/// A campaign: validates and stores its spec, starts one grain per grid point, follows their
/// progress, and keeps the scaling tables current as points complete.
/// </summary>
public sealed class CampaignGrain : Grain, ICampaignGrain
{
    private readonly IPersistentState<CampaignState> _state;

    public CampaignGrain([PersistentState("campaign", StorageSchema.Provider)] IPersistentState<CampaignState> state) => _state = state;

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
            spec.Seed, spec.TimePoints, TimeUnitNames.Format(spec.TimeUnit), spec.FitUpper, spec.FitLower, spec.Kernel.ToSpinKernel().Code, spec.BatchSize);
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

        PointSummary[] summaries = await Task.WhenAll(S.Points.Select(p => GrainFactory.GetGrain<IGridPointGrain>(p.Key.GrainKey).Start(p)));
        foreach (PointSummary s in summaries)
        {
            S.Summaries[s.Key.GrainKey] = s;
        }

        RebuildTable();
        await _state.WriteStateAsync();
        return new SubmitResult(null, S.Points.Count, summaries.Sum(s => s.BatchesTotal), summaries.Sum(s => s.BatchesDone), extended);
    }

    public Task<CampaignStatus> GetStatus()
        => Task.FromResult(CampaignProgress.Aggregate(this.GetPrimaryKeyString(), S, p => S.Summaries.GetValueOrDefault(p.Key.GrainKey)));

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
        }
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

    private void RebuildTable() => S.Table = CampaignTables.Build(S, p => S.Summaries.GetValueOrDefault(p.Key.GrainKey));

    private static SubmitResult Refuse(string error) => new(error, 0, 0, 0, false);
}
