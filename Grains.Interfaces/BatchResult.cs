namespace Sweep.Grains.Interfaces;

/// <summary>
/// The exact sums of a finished batch, its provenance and compute time in seconds; the batch
/// holding realization 0 also carries the point's Fig. 1 snapshot.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record BatchResult(
    [property: Id(0)] BatchId Id,
    [property: Id(1)] SumsData Sums,
    [property: Id(2)] Provenance Provenance,
    [property: Id(3)] double ComputeSeconds,
    [property: Id(4)] SpinSnapshotData? Snapshot = null);
