using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Batches;

/// <summary>Stored state of a realization batch: its result once computed.</summary>
[GenerateSerializer]
public sealed class BatchState
{
    [Id(0)]
    public int SchemaVersion { get; set; } = StorageSchema.Version;

    [Id(1)]
    public BatchResult? Result { get; set; }
}
