using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage.Payloads;

namespace Sweep.Grains.Batches;

/// <summary>
/// A batch result as the batch grain of older builds stored it (Orleans binary, no envelope);
/// read by <see cref="BatchResultCodec"/> only, never written.
/// </summary>
[GenerateSerializer]
public sealed class BatchState : IVersionedState
{
    [Id(0)]
    public int SchemaVersion { get; set; } = StorageSchema.Version;

    [Id(1)]
    public BatchResult? Result { get; set; }
}
