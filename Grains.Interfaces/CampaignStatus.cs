namespace Sweep.Grains.Interfaces;

/// <summary>
/// A campaign's progress: points and realizations done, failures, batches computed and reused,
/// and when the last of its points finished (UTC; null while any point is unfinished). Batches
/// beyond a precision target's stopping point are stored but not merged, and counted apart.
/// BatchesFoundStored sums what the points' live activations merged from the store (see
/// <see cref="PointSummary.BatchesFoundStored"/>). SubmittedAt (UTC) is when the campaign's live
/// activation last accepted a spec; null when it has not (a stopped store, a campaign not run
/// since its cluster started), and then no rate or ETA can be given.
/// <see cref="DiskFull"/> is the cause when the disk under the campaign's store (local mode)
/// filled up: the run stops, and resumes once space is freed.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record CampaignStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] bool Exists,
    [property: Id(2)] bool Cancelled,
    [property: Id(3)] int Points,
    [property: Id(4)] int PointsDone,
    [property: Id(5)] int PointsFailed,
    [property: Id(6)] long RealizationsDone,
    [property: Id(7)] long RealizationsTarget,
    [property: Id(8)] int BatchesDone,
    [property: Id(9)] int BatchesTotal,
    [property: Id(10)] PointSummary[] PointSummaries,
    [property: Id(11)] DateTimeOffset? FinishedAt = null,
    [property: Id(20)] int BatchesBeyondStop = 0,
    [property: Id(30)] string? DiskFull = null,
    [property: Id(31)] int BatchesFoundStored = 0,
    [property: Id(32)] DateTimeOffset? SubmittedAt = null)
{
    public bool Finished => Exists && (PointsDone + PointsFailed == Points || Cancelled);
}
