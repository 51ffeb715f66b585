using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sweep.Grains.Cluster;
using Sweep.Grains.Compute;
using Sweep.Grains.Hosting;

namespace Sweep.CapacityBench;

/// <summary>
/// Cluster-mode silos in this one process, each its own host built with the production
/// <see cref="SweepClusterSiloBuilderExtensions.UseSweepCluster"/> (Redis membership, grain
/// storage, reminders and batch store, its own loopback silo port and Redis connections), with
/// the synthetic computation in place of the physics and the grain-load filter added.
/// </summary>
internal sealed class HarnessCluster : IAsyncDisposable
{
    private readonly List<IHost> _hosts;

    private HarnessCluster(List<IHost> hosts) => _hosts = hosts;

    public IGrainFactory Grains => _hosts[0].Services.GetRequiredService<IGrainFactory>();

    public int Silos => _hosts.Count;

    public static async Task<HarnessCluster> StartAsync(int silos, int slots, int redisPort, string clusterId, IBatchComputation computation, GrainLoad load)
    {
        var hosts = new List<IHost>();
        var redis = new RedisEndpoint("127.0.0.1", redisPort);
        // The first silo alone, so that the others join an existing cluster; then a few at a time
        // (joining validates connectivity with every live silo, which a crowd of joiners slows).
        hosts.Add(await StartSiloAsync(redis, slots, clusterId, computation, load));
        const int together = 8;
        for (int next = 1; next < silos; next += together)
        {
            int count = Math.Min(together, silos - next);
            hosts.AddRange(await Task.WhenAll(Enumerable.Range(0, count).Select(_ => StartSiloAsync(redis, slots, clusterId, computation, load))));
        }

        return new HarnessCluster(hosts);
    }

    private static async Task<IHost> StartSiloAsync(RedisEndpoint redis, int slots, string clusterId, IBatchComputation computation, GrainLoad load)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Only errors: a log line per batch ("computed", "stored") would be harness load of its own.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        // Orleans' own errors come by the thousand when a silo stops mid-call; the harness counts failures itself.
        builder.Logging.AddFilter("Orleans", LogLevel.Critical);
        var settings = new ClusterSiloSettings
        {
            Redis = redis,
            AdvertisedAddress = IPAddress.Loopback,
            SiloPort = LocalSilo.FreeLoopbackPort(),
            GatewayPort = LocalSilo.FreeLoopbackPort(),
            ClusterId = clusterId,
            ServiceId = clusterId,
            Slots = slots,
        };
        builder.UseOrleans(silo =>
        {
            silo.UseSweepCluster(settings);
            silo.AddIncomingGrainCallFilter(load);
        });
        builder.Services.AddSingleton(computation);
        IHost host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        // All at once: a silo stopping returns its queued leases, and the run is over anyway.
        await Task.WhenAll(_hosts.Select(async h =>
        {
            try
            {
                await h.StopAsync(TimeSpan.FromSeconds(20));
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"silo stop: {e.Message}");
            }

            h.Dispose();
        }));
    }
}
