using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sweep.Client.Hosting;
using Sweep.Grains.Compute;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Local;

/// <summary>
/// Local mode: one Orleans silo in this process, on loopback ports chosen free, storing every
/// grain in the data directory's SQLite file.
/// </summary>
internal sealed class LocalCluster : ICampaignHost
{
    private readonly IHost _host;
    private readonly FileStream _dataLock;
    private readonly DataDirectory _data;

    private LocalCluster(IHost host, FileStream dataLock, DataDirectory data)
    {
        _host = host;
        _dataLock = dataLock;
        _data = data;
        Description = data.Path;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
        Pool = host.Services.GetRequiredService<ComputePool>();
    }

    public IGrainFactory Grains { get; }

    public ComputePool Pool { get; }

    public string Description { get; }

    public bool OutlivesClient => false;

    public long BatchesComputed(CampaignStatus status, SubmitResult submitted) => Pool.BatchesComputed;

    public bool TakeCancelRequest(string campaign)
    {
        string path = _data.CancelRequestPath(campaign);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    public Task<T> CallAsync<T>(Func<Task<T>> call, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call();
    }

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
        builder.UseOrleans(silo => silo.UseSweepLocalMode(data.DatabasePath, slots));
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

        return new LocalCluster(host, dataLock, data);
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
}
