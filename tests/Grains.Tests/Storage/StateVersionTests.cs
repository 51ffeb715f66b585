using Sweep.Grains.Campaigns;
using Sweep.Grains.Storage.Payloads;

namespace Sweep.Grains.Tests.Storage;

/// <summary>Grain states through the SQLite provider: framed, checked, and refused when too new or damaged.</summary>
public sealed class StateVersionTests : IDisposable
{
    private static readonly GrainId Campaign = GrainId.Create("campaign", "c");

    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_state_is_stored_framed_and_reads_back()
    {
        var storage = StorageFactory.Create(_store.DatabasePath);
        await storage.WriteStateAsync("campaign", Campaign, new GrainState<CampaignState>(new CampaignState { SpecJson = "{}" }));

        var payload = (byte[])_store.Scalar("SELECT payload FROM grain_state;")!;
        Assert.Equal(PayloadCodec.OrleansBinary, StoredEnvelope.Open(payload, "k").Codec);
        var read = new GrainState<CampaignState>();
        await storage.ReadStateAsync("campaign", Campaign, read);
        Assert.Equal("{}", read.State!.SpecJson);
    }

    [Fact]
    public async Task A_state_of_a_newer_schema_version_is_refused_naming_it()
    {
        var storage = StorageFactory.Create(_store.DatabasePath);
        var newer = new CampaignState { SchemaVersion = Grains.StorageSchema.Version + 1 };
        await storage.WriteStateAsync("campaign", Campaign, new GrainState<CampaignState>(newer));

        var e = await Assert.ThrowsAsync<StoredPayloadVersionException>(() => storage.ReadStateAsync("campaign", Campaign, new GrainState<CampaignState>()));
        Assert.Equal("campaign/campaign/c", e.Key);
        Assert.Contains($"schema version {Grains.StorageSchema.Version + 1}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_state_is_reported_as_corrupt_naming_it()
    {
        var storage = StorageFactory.Create(_store.DatabasePath);
        await storage.WriteStateAsync("campaign", Campaign, new GrainState<CampaignState>(new CampaignState { SpecJson = "{\"name\": \"c\"}" }));
        _store.FlipBit("campaign", 3);

        var e = await Assert.ThrowsAsync<StoredPayloadCorruptException>(() => storage.ReadStateAsync("campaign", Campaign, new GrainState<CampaignState>()));
        Assert.Equal("campaign/campaign/c", e.Key);
    }
}
