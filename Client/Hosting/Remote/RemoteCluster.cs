using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Messaging;
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

    /// <summary>How long one check of Redis waits for its answer before counting it as unreachable.</summary>
    private static readonly TimeSpan RedisProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A gateway's node that does not take a connection in this is taken for down.</summary>
    private static readonly TimeSpan GatewayConnectTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A live gateway answers a TLS hello in milliseconds, but a silo starting on a loaded node
    /// can take seconds; one that took the connection and is silent this long is asked again at
    /// the next failure rather than judged.
    /// </summary>
    private static readonly TimeSpan GatewayHandshakeTimeout = TimeSpan.FromSeconds(10);

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
        await WaitForRedisAsync(target, notices, cancellationToken);

        string? refusedGateway = null;
        return await ConnectAsync(
            target.ToString(),
            $"--outage-seconds {target.OutageLimit.TotalSeconds:0.#}",
            target.OutageLimit,
            notices,
            client =>
            {
                if (target.Tls is { } tls)
                {
                    client.UseSweepTls(tls, reason => Volatile.Write(ref refusedGateway, reason));
                }

                client.UseRedisClustering(o => o.ConfigurationOptions = redis.ToConfigurationOptions());
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = target.ClusterId;
                    o.ServiceId = target.ServiceId;
                });
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefresh);
            },
            cancellationToken,
            async (services, ct) => Volatile.Read(ref refusedGateway) is { } refused
                ? GatewayTlsVerdict.Refused($"TLS with a gateway of {target} failed: {refused}")
                : await ProbeGatewaysAsync(services, target.Tls, ct));
    }

    /// <summary>
    /// Returns once Redis answers as configured. A wrong password or a TLS failure ends the
    /// command at once with its own exit code, and a server that answers but not as Redis does
    /// (a wrong port) as a usage error: neither passes by waiting. Only a server that does not
    /// answer at all (restarting, a node rebooting) is waited for, up to --outage-seconds,
    /// then exit code 4, as for silos that do not answer.
    /// </summary>
    private static async Task WaitForRedisAsync(ClusterTarget target, TextWriter notices, CancellationToken cancellationToken)
    {
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        bool told = false;
        while (true)
        {
            TimeSpan left = target.OutageLimit - waiting.Elapsed;
            TimeSpan probeTimeout = left < RedisProbeTimeout ? (left > RetryDelay ? left : RetryDelay) : RedisProbeTimeout;
            if (await RedisProbe.CheckAsync(target.Redis, probeTimeout, cancellationToken) is not { } problem)
            {
                return;
            }

            if (problem.IsAuthentication)
            {
                throw new EnvironmentException(ExitCodes.AuthenticationFailed, problem.Message);
            }

            if (problem.Kind != RedisProblemKind.Unreachable)
            {
                throw new UsageException(problem.Message);
            }

            if (waiting.Elapsed >= target.OutageLimit)
            {
                throw new ClusterUnavailableException($"{problem.Message} (waited {waiting.Elapsed.TotalSeconds:0.#} s, --outage-seconds {target.OutageLimit.TotalSeconds:0.#})");
            }

            if (!told)
            {
                told = true;
                notices.WriteLine($"sweep: {problem.Message}; retrying for up to {target.OutageLimit.TotalSeconds:0.#} s");
            }

            await Task.Delay(RetryDelay, cancellationToken);
        }
    }

    /// <summary>
    /// Whether TLS is why the gateways Redis lists cannot be reached: each is probed once, all at
    /// once, so a dead silo's stale entry costs one connect timeout (<see cref="GatewayTlsProbe"/>).
    /// </summary>
    private static async Task<GatewayTlsVerdict> ProbeGatewaysAsync(IServiceProvider services, ClusterTls? tls, CancellationToken cancellationToken)
    {
        IList<Uri> gateways;
        try
        {
            gateways = await services.GetRequiredService<IGatewayListProvider>().GetGatewaysAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // No list, no probe: the connection's own retries and their limit apply.
            return GatewayTlsVerdict.NoProblem;
        }

        var probes = new List<Task<GatewayTlsVerdict>>();
        foreach (Uri gateway in gateways)
        {
            if (IPAddress.TryParse(gateway.Host.Trim('[', ']'), out IPAddress? address))
            {
                probes.Add(GatewayTlsProbe.CheckAsync(new IPEndPoint(address, gateway.Port), tls, GatewayConnectTimeout, GatewayHandshakeTimeout, cancellationToken));
            }
        }

        return GatewayTlsVerdict.Combine(await Task.WhenAll(probes));
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

    /// <param name="probeTls">
    /// Asked after each failed connection attempt, before anything is printed: a TLS problem it
    /// names ends the retries at once with exit code 8 and that one line, so a refusal is never
    /// preceded by a retry notice. The notice waits for a verdict that rules TLS out.
    /// </param>
    private static async Task<RemoteCluster> ConnectAsync(string description, string limitName, TimeSpan outageLimit, TextWriter notices, Action<IClientBuilder> configure, CancellationToken cancellationToken, Func<IServiceProvider, CancellationToken, Task<GatewayTlsVerdict>>? probeTls = null)
    {
        IServiceProvider? services = null;
        string? tlsProblem = null;
        string? tlsHint = null;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        // A failed start is reported by this class as one line with its exit code; the host's
        // own "Hosting failed to start" would add the whole stack trace to stderr.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        var connecting = System.Diagnostics.Stopwatch.StartNew();
        bool told = false;
        int undecided = 0;
        builder.UseOrleansClient(client =>
        {
            // No gateway answers while silos are restarting: wait as long as any other call would.
            client.UseConnectionRetryFilter(async (e, ct) =>
            {
                if (probeTls is not null && services is not null)
                {
                    GatewayTlsVerdict verdict = await probeTls(services, ct);
                    if (verdict.Problem is { } problem)
                    {
                        tlsProblem = problem;
                        return false;
                    }

                    tlsHint = verdict.Hint ?? tlsHint;
                    undecided = verdict.Decided ? 0 : undecided + 1;
                }

                if (connecting.Elapsed >= outageLimit)
                {
                    return false;
                }

                // A gateway that is slow to answer the probe once may still refuse; twice in a
                // row, it is as likely down, and the wait should be said.
                if (!told && undecided != 1)
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
        services = host.Services;
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Dispose();
            if (tlsProblem is not null)
            {
                throw new EnvironmentException(ExitCodes.AuthenticationFailed, tlsProblem, e);
            }

            throw new ClusterUnavailableException(
                $"could not connect to {description} within {connecting.Elapsed.TotalSeconds:0.#} s ({limitName}): {e.Message.ReplaceLineEndings(" ")}{(tlsHint is null ? string.Empty : $" ({tlsHint})")}", e);
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
