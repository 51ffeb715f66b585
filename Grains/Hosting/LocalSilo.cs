using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;
using Sweep.Grains.Compute;
using Sweep.Grains.Storage;

namespace Sweep.Grains.Hosting;

/// <summary>
/// Local mode: a single silo on loopback ports chosen free, every grain stored in one SQLite
/// file, and a compute pool of the given size.
/// </summary>
public static class LocalSilo
{
    public static ISiloBuilder UseSweepLocalMode(this ISiloBuilder silo, string databasePath, int slots, Action<ComputeOptions>? compute = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.UseLocalhostClustering(siloPort: FreeLoopbackPort(), gatewayPort: FreeLoopbackPort(), serviceId: "sweep-local", clusterId: "sweep-local");
        silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
        silo.AddSqliteGrainStorage(StorageSchema.Provider, o => o.DatabasePath = databasePath);
        silo.AddSqliteBatchResultStore(StorageSchema.Provider);
        silo.AddSweepCompute(c =>
        {
            c.Slots = slots;
            compute?.Invoke(c);
        });
        return silo;
    }

    // Localhost clustering needs concrete ports, so ask the OS for free loopback ones.
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
