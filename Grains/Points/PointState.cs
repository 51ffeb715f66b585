using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage.Payloads;

namespace Sweep.Grains.Points;

/// <summary>
/// Stored state of a grid point: what it must compute, the planned batches (first
/// realization and count), which of them are merged, the merged exact sums until the analysis
/// is stored (then only the batches keep them), failed attempts, the Fig. 1 snapshot once the
/// batch holding realization 0 is in, and the analysis once every batch is in.
/// </summary>
[GenerateSerializer]
public sealed class PointState : IVersionedState, IRebuildableState
{
    [Id(0)]
    public int SchemaVersion { get; set; } = StorageSchema.Version;

    [Id(1)]
    public PointAssignment? Assignment { get; set; }

    [Id(2)]
    public List<PlannedBatch> Plan { get; set; } = new();

    [Id(3)]
    public HashSet<long> Merged { get; set; } = new();

    [Id(4)]
    public SumsData? Sums { get; set; }

    [Id(5)]
    public Dictionary<long, int> FailedAttempts { get; set; } = new();

    [Id(6)]
    public string? Failure { get; set; }

    [Id(7)]
    public PointResult? Result { get; set; }

    [Id(8)]
    public bool Cancelled { get; set; }

    [Id(9)]
    public SpinSnapshotData? Snapshot { get; set; }

    /// <summary>Set when the stored state failed its checksum: this empty one is rebuilt from the point's stored batches. Not stored.</summary>
    public string? CorruptPayload { get => _corruptPayload; set => _corruptPayload = value; }

    [NonSerialized]
    private string? _corruptPayload;

    /// <summary>A precision target's decisions, each stored when taken, in checkpoint order.</summary>
    [Id(20)]
    public List<CheckpointRecord> Decisions { get; set; } = new();

    /// <summary>
    /// Batches planned (and so dispatched) past a precision target's stopping point: stored when
    /// computed, never merged, planned again if a tighter target needs them.
    /// </summary>
    [Id(21)]
    public List<PlannedBatch> Beyond { get; set; } = new();
}

/// <summary>Realizations First .. First + Count - 1; batches are named by their first realization.</summary>
[GenerateSerializer]
public sealed record PlannedBatch([property: Id(0)] long First, [property: Id(1)] int Count);
