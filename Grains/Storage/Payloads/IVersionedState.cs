namespace Sweep.Grains.Storage.Payloads;

/// <summary>A stored state that says which <see cref="StorageSchema.Version"/> wrote it; checked on every read.</summary>
public interface IVersionedState
{
    int SchemaVersion { get; }
}
