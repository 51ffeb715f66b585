using System.Globalization;
using Sweep.Client.Output.Json;
using Sweep.Client.Progress;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Output;

/// <summary>`sweep status --json`: an array with one object per campaign.</summary>
internal static class StatusJson
{
    /// <summary>`sweep status --json`: the ETA from this one read (<see cref="CampaignEta.Snapshot"/>).</summary>
    public static string Write(IReadOnlyList<CampaignStatus> statuses, Func<CampaignStatus, string> stateWord, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        return Write([.. statuses.Select(s => (s, CampaignEta.Snapshot(s, now)))], stateWord);
    }

    /// <summary>The same documents with ETAs from a reader that follows the campaigns (the dashboard).</summary>
    public static string Write(IReadOnlyList<(CampaignStatus Status, CampaignEta? Eta)> statuses, Func<CampaignStatus, string> stateWord, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentNullException.ThrowIfNull(stateWord);
        CampaignStatusDocument[] documents = statuses.Select(s => Document(s.Status, stateWord(s.Status), s.Eta)).ToArray();
        return SweepJson.Write(documents, SweepJsonContext.Default.CampaignStatusDocumentArray, indented);
    }

    public static string WriteOne(CampaignStatus status, CampaignEta? eta, Func<CampaignStatus, string> stateWord, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(stateWord);
        return SweepJson.Write(Document(status, stateWord(status), eta), SweepJsonContext.Default.CampaignStatusDocument, indented);
    }

    private static CampaignStatusDocument Document(CampaignStatus s, string state, CampaignEta? eta)
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
            eta?.SlotsBusy);
}

/// <summary>
/// One campaign's progress: state (running, finished, failed or cancelled), counts of points,
/// realizations and stored batches, when the last point finished (UTC, ISO 8601, null while
/// running) and the failed points with their reasons. With precision targets: the batches computed
/// past a point's stopping checkpoint (stored, not merged), and how many points stopped with the
/// target reached or at maxNs. While a live run computes it: the ETA in seconds, the finished
/// share of the cost (0 to 1) and the busy slots (slot-seconds per second since the submission),
/// each null while unknown (<see cref="CampaignEta"/>).
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
    double? SlotsBusy);

/// <summary>A failed point (its grain key) and why it failed.</summary>
internal sealed record FailureDocument(string Point, string? Reason);
