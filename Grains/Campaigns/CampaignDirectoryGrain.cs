using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Campaigns;

/// <summary>The cluster-wide list of campaign names; see <see cref="ICampaignDirectoryGrain"/>.</summary>
public sealed class CampaignDirectoryGrain : Grain, ICampaignDirectoryGrain
{
    private readonly IPersistentState<CampaignDirectoryState> _state;

    public CampaignDirectoryGrain([PersistentState("directory", StorageSchema.Provider)] IPersistentState<CampaignDirectoryState> state)
        => _state = state;

    public async Task Register(string campaign)
    {
        ArgumentException.ThrowIfNullOrEmpty(campaign);
        List<string> names = _state.State.Names;
        int at = names.BinarySearch(campaign, StringComparer.Ordinal);
        if (at >= 0)
        {
            return;
        }

        names.Insert(~at, campaign);
        await _state.WriteStateAsync();
    }

    public async Task Unregister(string campaign)
    {
        ArgumentException.ThrowIfNullOrEmpty(campaign);
        List<string> names = _state.State.Names;
        int at = names.BinarySearch(campaign, StringComparer.Ordinal);
        if (at < 0)
        {
            return;
        }

        names.RemoveAt(at);
        await _state.WriteStateAsync();
    }

    public Task<string[]> GetNames() => Task.FromResult(_state.State.Names.ToArray());
}
