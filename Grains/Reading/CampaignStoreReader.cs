using Sweep.Grains.Campaigns;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Points;
using Sweep.Grains.Storage;
using Sweep.Grains.Storage.Payloads;

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

        var results = state.Points.Select(a => points.GetValueOrDefault(a.Key.GrainKey)?.Result).OfType<PointResult>().Select(r => r.Summarized()).ToList();
        var snapshots = state.Points
            .Select(a => (a.Key, Snapshot: points.GetValueOrDefault(a.Key.GrainKey)?.Snapshot))
            .Where(p => p.Snapshot is not null)
            .Select(p => (p.Key, p.Snapshot!.Summarized()))
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

    /// <summary>
    /// Reads back everything stored of the campaign (its record, every point state, every
    /// planned batch) and says what is intact, missing or corrupt; null when no campaign of
    /// that name is stored. A corrupt point state has lost its plan, so its batches are not listed.
    /// </summary>
    public CampaignStoreCheck? Check(string name)
    {
        CampaignState? state;
        try
        {
            state = _store.Campaign(name);
        }
        catch (StoredPayloadCorruptException e)
        {
            return new CampaignStoreCheck(e.Message, []);
        }

        if (state?.SpecJson is null)
        {
            return null;
        }

        IReadOnlyDictionary<string, (PointState? State, string? Damage)> points = _store.CheckedPoints(name);
        var checks = new List<StoredPointCheck>();
        foreach (PointAssignment a in state.Points)
        {
            (PointState? point, string? damage) = points.GetValueOrDefault(a.Key.GrainKey);
            if (point?.Assignment is null)
            {
                checks.Add(new StoredPointCheck(a.Key, damage, a.Settings, false, []));
                continue;
            }

            StoredBatchCheck[] batches = point.Plan
                .Select(b => CheckBatch(new BatchId(a.Key, b.First, b.Count), point.Merged.Contains(b.First), point.Assignment.Settings))
                .ToArray();
            checks.Add(new StoredPointCheck(a.Key, null, point.Assignment.Settings, point.Result is not null, batches));
        }

        return new CampaignStoreCheck(null, checks);
    }

    /// <summary>A batch's stored result, or null; throws <see cref="StoredPayloadCorruptException"/> when it is corrupt.</summary>
    public BatchResult? ReadBatch(BatchId id) => _store.Batch(id);

    /// <summary>SQLite's integrity check of the whole file: its problems, none when the file is sound.</summary>
    public IReadOnlyList<string> IntegrityProblems() => _store.IntegrityProblems();

    public void Dispose() => _store.Dispose();

    private StoredBatchCheck CheckBatch(BatchId id, bool merged, PointSettingsData settings)
    {
        try
        {
            BatchResult? stored = _store.Batch(id);
            return stored is null ? new StoredBatchCheck(id, merged, StoredCondition.Missing, null)
                : stored.Provenance.Settings != settings ? new StoredBatchCheck(id, merged, StoredCondition.OtherSettings, null)
                : new StoredBatchCheck(id, merged, StoredCondition.Intact, null);
        }
        catch (StoredPayloadCorruptException e)
        {
            return new StoredBatchCheck(id, merged, StoredCondition.Corrupt, e.Message);
        }
    }
}
