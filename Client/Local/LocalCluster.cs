using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sweep.Grains.Compute;
using Sweep.Grains.Hosting;

namespace Sweep.Client.Local;

/// <summary>
/// Local mode: one Orleans silo in this process, on loopback ports chosen free, storing every
/// grain in the data directory's SQLite file.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private readonly IHost _host;

    private LocalCluster(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
        Pool = host.Services.GetRequiredService<ComputePool>();
    }

    public IGrainFactory Grains { get; }

    public ComputePool Pool { get; }

    public static async Task<LocalCluster> StartAsync(DataDirectory data, int slots, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft", LogLevel.Error);
        builder.UseOrleans(silo => silo.UseSweepLocalMode(data.DatabasePath, slots));
        IHost host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new LocalCluster(host);
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
        }
    }
}
