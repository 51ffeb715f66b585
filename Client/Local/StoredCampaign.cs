using Sweep.Client.Cli;
using Sweep.Grains.Campaigns;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Points;
using Sweep.Grains.Storage;

namespace Sweep.Client.Local;

/// <summary>
/// A campaign as found in the data directory's store, read without a silo (so also while a
/// `sweep run` is writing): its spec, status, scaling tables and finished points.
/// </summary>
internal sealed class StoredCampaign
{
    private StoredCampaign(string name, CampaignState state, IReadOnlyDictionary<string, PointState> points)
    {
        Name = name;
        State = state;
        PointStates = points;
    }

    public string Name { get; }

    public CampaignState State { get; }

    public IReadOnlyDictionary<string, PointState> PointStates { get; }

    public static SweepStoreReader OpenStore(DataDirectory data)
    {
        if (!data.HasStore)
        {
            throw new UsageException($"no store in {data.Path} (nothing has run there yet; use --data or {DataDirectory.EnvironmentVariable} to point at another directory)");
        }

        return SweepStoreReader.Open(data.DatabasePath);
    }

    public static StoredCampaign Load(DataDirectory data, string name)
    {
        using SweepStoreReader store = OpenStore(data);
        CampaignState state = store.Campaign(name)
            ?? throw new UsageException($"no campaign '{name}' in {data.Path} (stored: {string.Join(", ", store.CampaignNames().DefaultIfEmpty("none"))})");
        return new StoredCampaign(name, state, store.Points(name));
    }

    public PointSummary? SummaryOf(PointAssignment assignment)
        => PointStates.TryGetValue(assignment.Key.GrainKey, out PointState? p) && p.Assignment is not null ? PointProgress.Summarize(p) : null;

    public CampaignStatus Status() => CampaignProgress.Aggregate(Name, State, SummaryOf);

    public ScalingTable Table() => CampaignTables.Build(State, SummaryOf);

    public IReadOnlyList<PointResult> Results()
        => State.Points.Select(a => PointStates.GetValueOrDefault(a.Key.GrainKey)?.Result).OfType<PointResult>().ToList();
}
