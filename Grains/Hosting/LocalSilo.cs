using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;
using Sweep.Grains.Compute;
using Sweep.Grains.Storage;

namespace Sweep.Grains.Hosting;

/// <summary>
/// Local mode: a single silo on loopback ports chosen free, every grain stored in one SQLite
/// file, and a compute pool of the given size. Its gateway (also on loopback) lets the other
/// commands reach a live run as they reach a cluster.
/// </summary>
public static class LocalSilo
{
    /// <summary>The service id of every local silo (stored states do not depend on it).</summary>
    public const string ServiceId = "sweep-local";

    /// <param name="clusterId">
    /// The cluster id clients must name to join; a fresh random one per run, so that nobody who
    /// cannot read the run's endpoint record can join by guessing it. Null gives such an id.
    /// </param>
    /// <param name="gatewayPort">The loopback gateway port; 0 chooses a free one.</param>
    public static ISiloBuilder UseSweepLocalMode(this ISiloBuilder silo, string databasePath, int slots, Action<ComputeOptions>? compute = null, string? clusterId = null, int gatewayPort = 0)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.UseLocalhostClustering(
            siloPort: FreeLoopbackPort(),
            gatewayPort: gatewayPort == 0 ? FreeLoopbackPort() : gatewayPort,
            serviceId: ServiceId,
            clusterId: clusterId ?? NewClusterId());
        silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
        silo.AddSqliteGrainStorage(StorageSchema.Provider, o => o.DatabasePath = databasePath);
        silo.AddSqliteBatchResultStore(StorageSchema.Provider);
        // The one silo of a local run is all there will ever be: a point whose batches do not
        // fit its slots fails at once instead of waiting for a bigger silo.
        silo.AddSweepCompute(
            c =>
            {
                c.Slots = slots;
                compute?.Invoke(c);
            },
            dispatcher: d => d.UnplaceableGrace = TimeSpan.Zero);
        return silo;
    }

    /// <summary>A cluster id no other run shares: "sweep-local-" and 128 random bits.</summary>
    public static string NewClusterId() => "sweep-local-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    // Localhost clustering needs concrete ports, so ask the OS for free loopback ones.
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
