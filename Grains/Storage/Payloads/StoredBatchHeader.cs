using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Storage.Payloads;

/// <summary>
/// Everything of a stored batch result but its large Int128 arrays, in Orleans' binary
/// serialization, which tolerates added fields: a field added later (a kernel version, targets)
/// reads as its default from batches stored before it, so they stay valid.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record StoredBatchHeader(
    [property: Id(0)] BatchId Id,
    [property: Id(1)] Provenance Provenance,
    [property: Id(2)] double ComputeSeconds,
    [property: Id(3)] SpinSnapshotData? Snapshot,
    [property: Id(4)] int TimePoints,
    [property: Id(5)] long[] BlockCounts,
    [property: Id(6)] byte[] JnnSum,
    [property: Id(7)] byte[] JnnSquareSum);
