using Sweep.Client.Hosting.Local;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Reading;

namespace Sweep.CampaignBench;

/// <summary>One merged batch of a finished run: its point, realizations, compute seconds (one slot's wall time) and completion time.</summary>
internal readonly record struct BatchTime(PointKey Key, int Count, double Seconds, DateTimeOffset ComputedAt);

/// <summary>
/// What the ETA benches (<see cref="EtaPrices"/>, <see cref="EtaReplay"/>) read from a stopped
/// store: the campaign's status and every merged batch's header, which keeps the batch's compute
/// seconds and completion time.
/// </summary>
internal sealed record StoredBatchTimes(CampaignStatus Status, IReadOnlyList<BatchTime> Batches)
{
    public static StoredBatchTimes Read(string dataDirectory, string campaign)
    {
        using CampaignStoreReader store = CampaignStoreReader.Open(DataDirectory.Resolve(dataDirectory).DatabasePath);
        StoredCampaign stored = store.Read(campaign) ?? throw new InvalidOperationException($"no campaign {campaign} in {dataDirectory}");
        var batches = new List<BatchTime>();
        foreach (StoredPointCheck point in store.Check(campaign)!.Points)
        {
            foreach (StoredBatchCheck b in point.Batches.Where(b => b.Merged))
            {
                BatchResult r = store.ReadBatch(b.Id) ?? throw new InvalidOperationException($"batch {b.Id.GrainKey} is missing");
                batches.Add(new BatchTime(point.Key, b.Id.Count, r.ComputeSeconds, r.Provenance.ComputedAt));
            }
        }

        return new StoredBatchTimes(stored.Status, batches);
    }
}
