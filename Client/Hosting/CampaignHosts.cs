using Sweep.Client.Hosting.Local;
using Sweep.Client.Hosting.Remote;

namespace Sweep.Client.Hosting;

/// <summary>
/// Chooses the campaign host from the options: `--redis` means a running cluster, otherwise a
/// silo in this process on the data directory (the default, unchanged by cluster mode).
/// </summary>
internal static class CampaignHosts
{
    public static async Task<ICampaignHost> OpenAsync(TargetOptions options, int slots, TextWriter notices, CancellationToken cancellationToken, long? memoryPerSlot = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (ClusterTarget.From(options) is { } target)
        {
            return await RemoteCluster.ConnectAsync(target, notices, cancellationToken);
        }

        return await LocalCluster.StartAsync(DataDirectory.Resolve(options.Data), slots, cancellationToken, memoryPerSlot: memoryPerSlot);
    }
}
