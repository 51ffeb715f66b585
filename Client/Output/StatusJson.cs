using System.Globalization;
using Sweep.Client.Output.Json;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Output;

/// <summary>`sweep status --json`: an array with one object per campaign.</summary>
internal static class StatusJson
{
    public static string Write(IReadOnlyList<CampaignStatus> statuses, Func<CampaignStatus, string> stateWord)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentNullException.ThrowIfNull(stateWord);
        CampaignStatusDocument[] documents = statuses.Select(s => new CampaignStatusDocument(
            s.Name,
            stateWord(s),
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
            s.PointSummaries.Count(p => p.TargetOutcome == "maxNs"))).ToArray();
        return SweepJson.Write(documents, SweepJsonContext.Default.CampaignStatusDocumentArray);
    }
}

/// <summary>
/// One campaign's progress: state (running, finished, failed or cancelled), counts of points,
/// realizations and stored batches, when the last point finished (UTC, ISO 8601, null while
/// running) and the failed points with their reasons. With precision targets: the batches computed
/// past a point's stopping checkpoint (stored, not merged), and how many points stopped with the
/// target reached or at maxNs.
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
    int TargetsAtMaxNs);

/// <summary>A failed point (its grain key) and why it failed.</summary>
internal sealed record FailureDocument(string Point, string? Reason);
