using Sweep.Client.Cli;
using Sweep.Client.Local;
using Sweep.Client.Remote;
using Sweep.Grains.Cluster;

namespace Sweep.Client.Hosting;

/// <summary>
/// Chooses the campaign host from the options: `--redis` means a running cluster, otherwise a
/// silo in this process on the data directory (the default, unchanged by cluster mode).
/// </summary>
internal static class CampaignHosts
{
    public const string ClusterOptionsUsage = "--redis HOST:PORT [--cluster-id ID] [--service-id ID]";

    public static readonly string[] ValueOptions = ["--redis", "--cluster-id", "--service-id"];

    public static async Task<ICampaignHost> OpenAsync(ArgumentReader reader, int slots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string? redis = reader.String("--redis");
        if (redis is null)
        {
            foreach (string option in new[] { "--cluster-id", "--service-id" })
            {
                if (reader.String(option) is not null)
                {
                    throw UsageException.ForOption(option, "only applies to a cluster (with --redis)");
                }
            }

            return await LocalCluster.StartAsync(DataDirectory.Resolve(reader.String("--data")), slots, cancellationToken);
        }

        if (reader.String("--data") is not null)
        {
            throw UsageException.ForOption("--data", "is for local mode; a cluster stores everything in its Redis");
        }

        RedisEndpoint endpoint;
        try
        {
            endpoint = RedisEndpoint.Parse(redis);
        }
        catch (FormatException e)
        {
            throw UsageException.ForOption("--redis", e.Message);
        }

        return await RemoteCluster.ConnectAsync(
            endpoint,
            reader.String("--cluster-id") ?? ClusterSiloSettings.DefaultClusterId,
            reader.String("--service-id") ?? ClusterSiloSettings.DefaultServiceId,
            cancellationToken);
    }
}
