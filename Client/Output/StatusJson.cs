using System.Globalization;
using Sweep.Client.Output.Json;
using Sweep.Client.Progress;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Output;

/// <summary>`sweep status --json`: an array with one object per campaign.</summary>
internal static class StatusJson
{
    /// <summary>`sweep status --json`: the ETA from this one read (<see cref="CampaignEta.Snapshot"/>).</summary>
    public static string Write(IReadOnlyList<CampaignStatus> statuses, Func<CampaignStatus, string> stateWord, DateTimeOffset now, ComputeLoad load)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        return Write([.. statuses.Select(s => (s, CampaignEta.Snapshot(s, now)))], stateWord, load);
    }

    /// <summary>The same documents with ETAs from a reader that follows the campaigns (the dashboard).</summary>
    public static string Write(IReadOnlyList<(CampaignStatus Status, CampaignEta? Eta)> statuses, Func<CampaignStatus, string> stateWord, ComputeLoad load, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentNullException.ThrowIfNull(stateWord);
        ClusterDocument cluster = Cluster(load);
        CampaignStatusDocument[] documents = statuses.Select(s => Document(s.Status, stateWord(s.Status), s.Eta, cluster)).ToArray();
        return SweepJson.Write(documents, SweepJsonContext.Default.CampaignStatusDocumentArray, indented);
    }

    public static string WriteOne(CampaignStatus status, CampaignEta? eta, Func<CampaignStatus, string> stateWord, ComputeLoad load, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(stateWord);
        return SweepJson.Write(Document(status, stateWord(status), eta, Cluster(load)), SweepJsonContext.Default.CampaignStatusDocument, indented);
    }

    /// <summary>The `cluster` object of every campaign's document: what the compute slots do now.</summary>
    public static ClusterDocument Cluster(ComputeLoad load)
    {
        ArgumentNullException.ThrowIfNull(load);
        return new ClusterDocument(
            load.Running,
            load.Slots,
            load.SlotsBusy,
            load.BatchesPerSecond,
            load.RateWindowSeconds,
            load.QueuedBatches,
            load.LeasedBatches,
            [.. load.Silos.Select(s => new SiloDocument(s.Name, s.Address, s.Slots, s.Busy, s.Leased, s.BatchesPerSecond))]);
    }

    private static CampaignStatusDocument Document(CampaignStatus s, string state, CampaignEta? eta, ClusterDocument cluster)
        => new(
            s.Name,
            state,
            s.Points,
            s.PointsDone,
            s.PointsFailed,
            s.RealizationsDone,
            s.RealizationsTarget,
            s.BatchesDone,
            s.BatchesTotal,
            s.FinishedAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            [.. s.PointSummaries.Where(p => p.Status == PointStatus.Failed).Select(p => new FailureDocument(p.Key.GrainKey, p.Failure))],
            s.BatchesBeyondStop,
            s.PointSummaries.Count(p => p.TargetOutcome == "reached"),
            s.PointSummaries.Count(p => p.TargetOutcome == "maxNs"),
            eta?.Remaining?.TotalSeconds,
            eta?.DoneFraction,
            eta?.SlotsBusy,
            cluster);
}

/// <summary>
/// One campaign's progress: state (running, finished, failed or cancelled), counts of points,
/// realizations and stored batches, when the last point finished (UTC, ISO 8601, null while
/// running) and the failed points with their reasons. With precision targets: the batches computed
/// past a point's stopping checkpoint (stored, not merged), and how many points stopped with the
/// target reached or at maxNs. While a live run computes it: the ETA in seconds, the finished
/// share of the cost (0 to 1) and the busy slots (slot-seconds per second since the submission),
/// each null while unknown (<see cref="CampaignEta"/>). The cluster's compute now, the same in
/// every campaign's document (<see cref="ClusterDocument"/>).
/// </summary>
internal sealed record CampaignStatusDocument(
    string Name,
    string State,
    int Points,
    int PointsDone,
    int PointsFailed,
    long RealizationsDone,
    long RealizationsTarget,
    int BatchesStored,
    int BatchesTotal,
    string? FinishedUtc,
    IReadOnlyList<FailureDocument> Failures,
    int BatchesBeyondStop,
    int TargetsReached,
    int TargetsAtMaxNs,
    double? EtaSeconds,
    double? CostDoneFraction,
    double? SlotsBusy,
    ClusterDocument Cluster);

/// <summary>
/// What the compute slots of the cluster (or the live local run) do now: whether a run computes
/// at all (false for a stopped store, with every count 0), compute slots and those holding a
/// batch, batches finished per second over the last rate_window_seconds seconds, batches waiting
/// in the dispatcher's queue and batches leased to silos, and the same per silo.
/// </summary>
internal sealed record ClusterDocument(
    bool Running,
    int Slots,
    int SlotsBusy,
    double BatchesPerSecond,
    double RateWindowSeconds,
    int QueuedBatches,
    int LeasedBatches,
    IReadOnlyList<SiloDocument> Silos);

/// <summary>One silo: its name and address, compute slots, slots busy, batches leased to it, batches finished per second.</summary>
internal sealed record SiloDocument(string Name, string Address, int Slots, int Busy, int Leased, double BatchesPerSecond);

/// <summary>A failed point (its grain key) and why it failed.</summary>
internal sealed record FailureDocument(string Point, string? Reason);
