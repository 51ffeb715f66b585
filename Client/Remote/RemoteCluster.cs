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

    /// <summary>
    /// A call still unanswered after this is retried. Orleans' own response timeout is 30 s;
    /// the longest calls (submitting a large spec starts every point) stay well under it.
    /// </summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the client re-reads the gateway list from Redis (Orleans' default is 1 min):
    /// silos that replace dead ones, on new addresses, become usable within this.
    /// </summary>
    private static readonly TimeSpan GatewayListRefresh = TimeSpan.FromSeconds(10);

    private RemoteCluster(IHost host, ClusterTarget target, TextWriter notices)
    {
        _host = host;
        Description = target.ToString();
        Grains = host.Services.GetRequiredService<IClusterClient>();
        Retry = new ClusterRetry(target.OutageLimit, CallTimeout, RetryDelay, notices);
    }

    public IGrainFactory Grains { get; }

    /// <summary>Wraps calls so that a silo or gateway dying is waited out, up to the outage limit.</summary>
    public ClusterRetry Retry { get; }

    public string Description { get; }

    public bool OutlivesClient => true;

    /// <param name="notices">Where outages are reported while calls are retried (the command's stderr).</param>
    public static async Task<RemoteCluster> ConnectAsync(ClusterTarget target, TextWriter notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(notices);
        RedisEndpoint redis = target.Redis;
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
        var connecting = System.Diagnostics.Stopwatch.StartNew();
        bool told = false;
        builder.UseOrleansClient(client =>
        {
            // No gateway answers while silos are restarting: wait as long as any other call would.
            client.UseConnectionRetryFilter(async (e, ct) =>
            {
                if (connecting.Elapsed >= target.OutageLimit)
                {
                    return false;
                }

                if (!told)
                {
                    told = true;
                    notices.WriteLine($"sweep: no silo of {target} answered yet ({e.GetType().Name}); retrying for up to {target.OutageLimit.TotalSeconds:0.#} s");
                }

                await Task.Delay(RetryDelay, ct);
                return true;
            });
            client.UseRedisClustering(o => o.ConfigurationOptions = redis.ToConfigurationOptions());
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = target.ClusterId;
                o.ServiceId = target.ServiceId;
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefresh);
        });
        IHost host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Dispose();
            throw new ClusterUnavailableException(
                $"could not connect to {target} within {connecting.Elapsed.TotalSeconds:0.#} s (--outage-seconds {target.OutageLimit.TotalSeconds:0.#}): {e.Message.ReplaceLineEndings(" ")}", e);
        }

        return new RemoteCluster(host, target, notices);
    }

    public long BatchesComputed(CampaignStatus status, SubmitResult submitted)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(submitted);
        return Math.Max(0, status.BatchesDone - submitted.BatchesAlreadyStored);
    }

    // `sweep cancel` is a local-mode request file; in a cluster the campaign grain is cancelled directly.
    public bool TakeCancelRequest(string campaign) => false;

    public Task<T> CallAsync<T>(Func<Task<T>> call, string what, CancellationToken cancellationToken)
        => Retry.CallAsync(call, what, cancellationToken);

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
