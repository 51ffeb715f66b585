using Sweep.Grains.Campaigns;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Points;
using Sweep.Grains.Storage;

namespace Sweep.Grains.Reading;

/// <summary>
/// Reads campaigns from a local store's SQLite file, read-only and without a silo (also while
/// a run writes to it). Status and tables come from the same pure builders the campaign grain
/// uses (<see cref="CampaignProgress"/>, <see cref="CampaignTables"/>), so a stopped store and a
/// live silo answer with the same records.
/// </summary>
public sealed class CampaignStoreReader : IDisposable
{
    private readonly SweepStoreReader _store;

    private CampaignStoreReader(SweepStoreReader store) => _store = store;

    public static CampaignStoreReader Open(string databasePath) => new(SweepStoreReader.Open(databasePath));

    /// <summary>Names of the stored campaigns, in ordinal order.</summary>
    public IReadOnlyList<string> CampaignNames() => _store.CampaignNames();

    /// <summary>The campaign, or null when none is stored under that name.</summary>
    public StoredCampaign? Read(string name)
    {
        CampaignState? state = _store.Campaign(name);
        if (state?.SpecJson is null)
        {
            return null;
        }

        IReadOnlyDictionary<string, PointState> points = _store.Points(name);
        PointSummary? SummaryOf(PointAssignment a)
            => points.TryGetValue(a.Key.GrainKey, out PointState? p) && p.Assignment is not null ? PointProgress.Summarize(p) : null;

        var results = state.Points.Select(a => points.GetValueOrDefault(a.Key.GrainKey)?.Result).OfType<PointResult>().ToList();
        var snapshots = state.Points
            .Select(a => (a.Key, Snapshot: points.GetValueOrDefault(a.Key.GrainKey)?.Snapshot))
            .Where(p => p.Snapshot is not null)
            .Select(p => (p.Key, p.Snapshot!))
            .ToList();
        return new StoredCampaign(
            name,
            state.SpecJson,
            CampaignProgress.Aggregate(name, state, SummaryOf),
            CampaignTables.Build(state, SummaryOf),
            results,
            state.Points.FirstOrDefault()?.Settings,
            snapshots);
    }

    public void Dispose() => _store.Dispose();
}
