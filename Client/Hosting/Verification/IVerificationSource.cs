using Sweep.Grains.Interfaces;
using Sweep.Grains.Reading;

namespace Sweep.Client.Hosting.Verification;

/// <summary>
/// What `sweep verify` reads and repairs, wherever the campaign is: a stopped store (read
/// directly, repaired through a short-lived silo), a live local run or a cluster (through the
/// grains, which read the store back).
/// </summary>
internal interface IVerificationSource : IAsyncDisposable
{
    /// <summary>The data directory or the cluster, as messages name it.</summary>
    string Description { get; }

    /// <summary>SQLite's integrity check of the store file: its problems (none when sound), or null for Redis.</summary>
    IReadOnlyList<string>? IntegrityProblems();

    /// <summary>Everything stored of the campaign, checked; null when there is no such campaign.</summary>
    Task<CampaignStoreCheck?> CheckAsync(string name, CancellationToken cancellationToken);

    /// <summary>A point's stored state and batches, checked again (after a repair).</summary>
    Task<StoredPointCheck> CheckPointAsync(PointKey key, CancellationToken cancellationToken);

    /// <summary>A batch's stored result (null if none); throws when it is corrupt.</summary>
    Task<BatchResult?> ReadBatchAsync(BatchId id, CancellationToken cancellationToken);

    /// <summary>Stores a recomputed result over a corrupt or missing one; false when an intact one is stored.</summary>
    Task<bool> StoreRecomputedAsync(BatchResult result, CancellationToken cancellationToken);

    /// <summary>Has the point write its state again (rebuilt from its batches when its stored state was corrupt).</summary>
    Task RewritePointAsync(PointKey key, CancellationToken cancellationToken);
}
