using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sweep.Grains.Compute;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Hosting.Local;

/// <summary>
/// Local mode, a cluster of one: an Orleans silo in this process on loopback ports chosen
/// free, storing every grain in the data directory's SQLite file. While it runs, its gateway
/// and cluster id are in the data directory's endpoint record (<see cref="LocalRunRecord"/>),
/// so `sweep status`, `cancel` and the rest reach it as they reach a cluster.
/// </summary>
internal sealed class LocalCluster : ICampaignHost
{
    private readonly IHost _host;
    private readonly FileStream _dataLock;
    private readonly DataDirectory _data;
    private readonly bool _recorded;

    private LocalCluster(IHost host, FileStream dataLock, DataDirectory data, bool recorded)
    {
        _host = host;
        _dataLock = dataLock;
        _data = data;
        _recorded = recorded;
        Description = data.Path;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
        Pool = host.Services.GetRequiredService<ComputePool>();
    }

    public IGrainFactory Grains { get; }

    public ComputePool Pool { get; }

    public string Description { get; }

    public bool OutlivesClient => false;

    public string? StoreDirectory => Description;

    public long BatchesComputed(CampaignStatus status, SubmitResult submitted) => Pool.BatchesComputed;

    public Task<T> CallAsync<T>(Func<Task<T>> call, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call();
    }

    /// <summary>
    /// Takes the data directory's lock (a second run fails at once), starts the silo and, for a
    /// run, records its gateway so that other commands reach it.
    /// </summary>
    /// <param name="record">False for a short-lived silo that only cancels or deletes on a stopped store.</param>
    /// <param name="memoryPerSlot">Bytes each compute slot may use; null measures it (Grains/Compute/SlotMemory).</param>
    public static async Task<LocalCluster> StartAsync(DataDirectory data, int slots, CancellationToken cancellationToken, bool record = true, long? memoryPerSlot = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        FileStream dataLock = data.Lock();
        try
        {
            data.CheckStoreWritable();
        }
        catch
        {
            await dataLock.DisposeAsync();
            throw;
        }

        string clusterId = LocalSilo.NewClusterId();
        int gatewayPort = LocalSilo.FreeLoopbackPort();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft", LogLevel.Error);
        if (Environment.GetEnvironmentVariable("SWEEP_DEBUG") != "1")
        {
            // A store that fails a grain's read (corrupt, newer, unreadable) reaches the command
            // as an exception, which prints one line naming it; Orleans' own logs of it would
            // add a stack trace per grain. SWEEP_DEBUG=1 keeps them.
            builder.Logging.AddFilter("Orleans.Grain", LogLevel.Critical);
            builder.Logging.AddFilter("Sweep.Grains.Storage.SqliteGrainStorage", LogLevel.Critical);
        }

        builder.UseOrleans(silo => silo.UseSweepLocalMode(data.DatabasePath, slots, c => c.MemoryPerSlotBytes = memoryPerSlot, clusterId, gatewayPort));
        IHost host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            if (record)
            {
                new LocalRunRecord(Environment.ProcessId, new IPEndPoint(IPAddress.Loopback, gatewayPort), clusterId, LocalSilo.ServiceId, DateTimeOffset.UtcNow).Write(data);
            }
        }
        catch
        {
            host.Dispose();
            await dataLock.DisposeAsync();
            throw;
        }

        return new LocalCluster(host, dataLock, data, record);
    }

    public async ValueTask DisposeAsync()
    {
        Pool.Stop();
        if (_recorded)
        {
            // First, so no command tries the gateway of a silo that is going away.
            LocalRunRecord.Remove(_data);
        }

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
}
