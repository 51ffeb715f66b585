namespace Sweep.Grains.Interfaces;

/// <summary>
/// The names of every campaign ever submitted (key: 0). Campaign grains are found by name, so
/// without this a cluster client could not list them: Redis state is not enumerable through
/// Orleans. Campaign grains register themselves on every accepted submit.
/// </summary>
public interface ICampaignDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds the name if it is new (stored before returning); repeating it does nothing.</summary>
    Task Register(string campaign);

    /// <summary>Removes the name (stored before returning); an unknown name does nothing.</summary>
    Task Unregister(string campaign);

    /// <summary>The registered names, in ordinal order.</summary>
    Task<string[]> GetNames();
}
