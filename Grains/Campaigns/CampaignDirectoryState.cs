using Sweep.Grains.Storage.Payloads;

namespace Sweep.Grains.Campaigns;

/// <summary>Stored state of the campaign directory: the registered names, kept in ordinal order.</summary>
[GenerateSerializer]
public sealed class CampaignDirectoryState : IVersionedState
{
    [Id(0)]
    public int SchemaVersion { get; set; } = StorageSchema.Version;

    [Id(1)]
    public List<string> Names { get; set; } = new();
}
