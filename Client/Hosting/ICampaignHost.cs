using Sweep.Grains.Interfaces;

namespace Sweep.Client.Hosting;

/// <summary>
/// Where `sweep run` sends a campaign: a silo in this process (local mode) or a running
/// cluster reached as an Orleans client (cluster mode). The command itself does not care.
/// </summary>
internal interface ICampaignHost : ICampaignCalls
{
    /// <summary>Whether the campaign goes on without this process (so the client may detach).</summary>
    bool OutlivesClient { get; }

    /// <summary>The directory the store is in (local mode), whose free space a run watches; null for a cluster.</summary>
    string? StoreDirectory { get; }

    /// <summary>Batches computed since the campaign was submitted by this process.</summary>
    long BatchesComputed(CampaignStatus status, SubmitResult submitted);
}
