using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Sweep.Client.Cli;
using Sweep.Client.Hosting;
using Sweep.Grains.Cluster;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Remote;

/// <summary>
/// Cluster mode: an Orleans client of silos that share membership in Redis. Campaigns run in
/// the cluster, so they go on when this process exits.
/// </summary>
internal sealed class RemoteCluster : ICampaignHost
{
    private readonly IHost _host;

    private RemoteCluster(IHost host, string description)
    {
        _host = host;
        Description = description;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    public IGrainFactory Grains { get; }

    public string Description { get; }

    public bool OutlivesClient => true;

    public static async Task<RemoteCluster> ConnectAsync(RedisEndpoint redis, string clusterId, string serviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redis);
        // A wrong address should fail in seconds with its name, not as a gateway timeout.
        if (await RedisProbe.CheckAsync(redis, TimeSpan.FromSeconds(5), cancellationToken) is { } problem)
        {
            throw new UsageException(problem);
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(o => o.ConfigurationOptions = redis.ToConfigurationOptions());
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            });
        });
        IHost host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Dispose();
            throw new UsageException($"could not connect to cluster '{clusterId}' through Redis {redis}: {e.Message}");
        }

        return new RemoteCluster(host, $"cluster '{clusterId}' through Redis {redis}");
    }

    public long BatchesComputed(CampaignStatus status, SubmitResult submitted)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(submitted);
        return Math.Max(0, status.BatchesDone - submitted.BatchesAlreadyStored);
    }

    // `sweep cancel` is a local-mode request file; in a cluster the campaign grain is cancelled directly.
    public bool TakeCancelRequest(string campaign) => false;

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
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
