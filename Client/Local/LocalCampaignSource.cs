using Sweep.Client.Hosting;
using Sweep.Grains.Storage;

namespace Sweep.Client.Local;

/// <summary>Campaigns in the data directory's store, read without a silo (also while a run writes to it).</summary>
internal sealed class LocalCampaignSource : ICampaignTarget
{
    private readonly DataDirectory _data;

    /// <summary>Fails with a usage error when the directory has no store yet.</summary>
    public LocalCampaignSource(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        StoredCampaign.OpenStore(data).Dispose();
        _data = data;
    }

    public string Description => _data.Path;

    public Task<IReadOnlyList<string>> CampaignNamesAsync(CancellationToken cancellationToken)
    {
        using SweepStoreReader store = StoredCampaign.OpenStore(_data);
        return Task.FromResult(store.CampaignNames());
    }

    public Task<CampaignReadout> ReadAsync(string name, bool withResults, CancellationToken cancellationToken)
    {
        StoredCampaign campaign = StoredCampaign.Load(_data, name);
        return Task.FromResult(new CampaignReadout(name, campaign.State.SpecJson, campaign.Status(), campaign.Table(), withResults ? campaign.Results() : null));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
