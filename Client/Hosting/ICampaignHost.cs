using Sweep.Grains.Interfaces;

namespace Sweep.Client.Hosting;

/// <summary>
/// Where `sweep run` sends a campaign: a silo in this process (local mode) or a running
/// cluster reached as an Orleans client (cluster mode). The command itself does not care.
/// </summary>
internal interface ICampaignHost : IAsyncDisposable
{
    IGrainFactory Grains { get; }

    /// <summary>Where the campaign runs, for the first line of output.</summary>
    string Description { get; }

    /// <summary>Whether the campaign goes on without this process (so the client may detach).</summary>
    bool OutlivesClient { get; }

    /// <summary>Batches computed since the campaign was submitted by this process.</summary>
    long BatchesComputed(CampaignStatus status, SubmitResult submitted);

    /// <summary>True once if `sweep cancel` asked this run to cancel the campaign.</summary>
    bool TakeCancelRequest(string campaign);

    /// <summary>
    /// Makes a call to the campaign's grains. In a cluster it is retried while silos die and
    /// come back, up to the outage limit; in this process there is nothing to wait out.
    /// </summary>
    Task<T> CallAsync<T>(Func<Task<T>> call, string what, CancellationToken cancellationToken);
}
