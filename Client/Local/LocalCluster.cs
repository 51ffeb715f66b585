using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Sweep.Client.Hosting;
using Sweep.Grains;
using Sweep.Grains.Compute;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage;

namespace Sweep.Client.Local;

/// <summary>
/// Local mode: one Orleans silo in this process, on loopback ports chosen free, storing every
/// grain in the data directory's SQLite file.
/// </summary>
internal sealed class LocalCluster : ICampaignHost
{
    private readonly IHost _host;
    private readonly FileStream _dataLock;

    private LocalCluster(IHost host, FileStream dataLock, string description)
    {
        _host = host;
        _dataLock = dataLock;
        Description = description;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
        Pool = host.Services.GetRequiredService<ComputePool>();
    }

    public IGrainFactory Grains { get; }

    public ComputePool Pool { get; }

    public string Description { get; }

    public bool OutlivesClient => false;

    public long BatchesComputed(CampaignStatus status, SubmitResult submitted) => Pool.BatchesComputed;

    /// <summary>Takes the data directory's lock (a second run fails at once) and starts the silo.</summary>
    public static async Task<LocalCluster> StartAsync(DataDirectory data, int slots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        FileStream dataLock = data.Lock();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft", LogLevel.Error);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort(), serviceId: "sweep-local", clusterId: "sweep-local");
            silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
            silo.AddSqliteGrainStorage(StorageSchema.Provider, o => o.DatabasePath = data.DatabasePath);
            silo.AddSweepCompute(compute => compute.Slots = slots);
        });
        IHost host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            await dataLock.DisposeAsync();
            throw;
        }

        return new LocalCluster(host, dataLock, data.Path);
    }

    public async ValueTask DisposeAsync()
    {
        Pool.Stop();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
            await _dataLock.DisposeAsync();
        }
    }

    // Port 0 is not accepted by localhost clustering, so ask the OS for a free loopback port.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
