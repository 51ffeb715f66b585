using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Sweep.Client.Cli;
using Sweep.Client.Hosting;
using Sweep.Client.Hosting.Local;
using Sweep.Grains.Cluster;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Hosting.Remote;

/// <summary>
/// An Orleans client of a running cluster: silos that share membership in Redis (cluster
/// mode, where campaigns go on when this process exits), or a live local run's silo through
/// its loopback gateway (<see cref="LocalRunRecord"/>).
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

    /// <summary>
    /// How long a command waits for a live local run that stops answering: its silo is in the
    /// same machine, so a pause longer than this means it has stopped.
    /// </summary>
    private static readonly TimeSpan LocalOutageLimit = TimeSpan.FromSeconds(15);

    private RemoteCluster(IHost host, string description, TimeSpan outageLimit, TextWriter notices)
    {
        _host = host;
        Description = description;
        Grains = host.Services.GetRequiredService<IClusterClient>();
        Retry = new ClusterRetry(outageLimit, CallTimeout, RetryDelay, notices);
    }

    public IGrainFactory Grains { get; }

    /// <summary>Wraps calls so that a silo or gateway dying is waited out, up to the outage limit.</summary>
    public ClusterRetry Retry { get; }

    public string Description { get; }

    public string? StoreDirectory => null;

    public bool OutlivesClient => true;

    /// <param name="notices">Where outages are reported while calls are retried (the command's stderr).</param>
    public static async Task<RemoteCluster> ConnectAsync(ClusterTarget target, TextWriter notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(notices);
        RedisEndpoint redis = target.Redis;
        // A wrong address should fail in seconds with its name, not as a gateway timeout; a
        // wrong password or a TLS failure at once with its own exit code, never retried.
        if (await RedisProbe.CheckAsync(redis, TimeSpan.FromSeconds(5), cancellationToken) is { } problem)
        {
            throw problem.IsAuthentication
                ? new EnvironmentException(ExitCodes.AuthenticationFailed, problem.Message)
                : new UsageException(problem.Message);
        }

        return await ConnectAsync(
            target.ToString(),
            $"--outage-seconds {target.OutageLimit.TotalSeconds:0.#}",
            target.OutageLimit,
            notices,
            client =>
            {
                client.UseRedisClustering(o => o.ConfigurationOptions = redis.ToConfigurationOptions());
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = target.ClusterId;
                    o.ServiceId = target.ServiceId;
                });
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefresh);
            },
            cancellationToken);
    }

    /// <summary>Joins a live local run through the loopback gateway its endpoint record names.</summary>
    public static Task<RemoteCluster> ConnectAsync(LocalRunRecord run, DataDirectory data, TextWriter notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(data);
        return ConnectAsync(
            $"the live run (pid {run.ProcessId}) in {data.Path}",
            $"waited up to {LocalOutageLimit.TotalSeconds:0} s",
            LocalOutageLimit,
            notices,
            client =>
            {
                client.UseStaticClustering(run.Gateway);
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = run.ClusterId;
                    o.ServiceId = run.ServiceId;
                });
            },
            cancellationToken);
    }

    private static async Task<RemoteCluster> ConnectAsync(string description, string limitName, TimeSpan outageLimit, TextWriter notices, Action<IClientBuilder> configure, CancellationToken cancellationToken)
    {
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
                if (connecting.Elapsed >= outageLimit)
                {
                    return false;
                }

                if (!told)
                {
                    told = true;
                    notices.WriteLine($"sweep: no silo of {description} answered yet ({e.GetType().Name}); retrying for up to {outageLimit.TotalSeconds:0.#} s");
                }

                await Task.Delay(RetryDelay, ct);
                return true;
            });
            configure(client);
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
                $"could not connect to {description} within {connecting.Elapsed.TotalSeconds:0.#} s ({limitName}): {e.Message.ReplaceLineEndings(" ")}", e);
        }

        return new RemoteCluster(host, description, outageLimit, notices);
    }

    public long BatchesComputed(CampaignStatus status, SubmitResult submitted)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(submitted);
        // Batches found stored during the run (stored by a stopped run after its points' last
        // flush) were merged, not computed.
        int foundStored = Math.Max(0, status.BatchesFoundStored - submitted.BatchesFoundStored);
        return Math.Max(0, status.BatchesDone - submitted.BatchesAlreadyStored - foundStored);
    }

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
