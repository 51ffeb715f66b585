using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Sweep.Grains.Cluster;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;

namespace Sweep.Silo;

/// <summary>Runs one cluster-mode silo until SIGTERM or Ctrl-C.</summary>
internal static class SiloHost
{
    public const int ExitUsage = ExitCodes.Usage;
    public const int ExitRedisUnreachable = ExitCodes.ClusterUnavailable;
    public const int ExitAuthentication = ExitCodes.AuthenticationFailed;

    // Inside the 30 s that Slurm (KillWait), docker stop and Kubernetes give before SIGKILL.
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(15);

    // Orleans' stop does not always honour the host's timeout: with Redis gone (a whole Slurm job
    // cancelled at once) its storage retries kept a silo alive past SIGKILL. After this, the
    // process leaves without waiting; what is stored stays stored.
    private static readonly TimeSpan HardStop = StopBound + TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string[] args)
    {
        if (SiloCommandLine.Parse(args, Console.Out, Console.Error, out int exitCode) is not { } commandLine)
        {
            return exitCode;
        }

        ClusterSiloSettings settings;
        try
        {
            settings = SiloSettingsReader.Read(commandLine, Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory());
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"sweep-silo: {e.Message}");
            return ExitUsage;
        }

        // Fail in seconds, naming the address, rather than after a membership timeout.
        // A wrong password or a TLS failure will not pass by waiting: it gets its own code.
        if (await RedisProbe.CheckAsync(settings.Redis, TimeSpan.FromSeconds(5)) is { } problem)
        {
            Console.Error.WriteLine($"sweep-silo: cannot start: {problem.Message}");
            return problem.IsAuthentication ? ExitAuthentication : ExitRedisUnreachable;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        // SIGTERM (Slurm, docker stop, Kubernetes) stops the silo gracefully: it leaves the
        // membership and stores what its slots computed. With Redis gone that cannot finish,
        // so the stop is bounded.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = StopBound);
        builder.UseOrleans(silo => silo.UseSweepCluster(settings));
        using IHost host = builder.Build();
        using Grains.Metrics.MetricsEndpoint? metrics = StartMetrics(settings, out string? metricsProblem);
        if (metricsProblem is not null)
        {
            Console.Error.WriteLine($"sweep-silo: cannot start: {metricsProblem}");
            return ExitUsage;
        }

        await host.StartAsync();
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => _ = Task.Delay(HardStop).ContinueWith(
            _ =>
            {
                Console.Error.WriteLine($"sweep-silo: still stopping {HardStop.TotalSeconds:0} s after the stop signal (Redis unreachable?); exiting, everything stored stays stored");
                Environment.Exit(0);
            },
            TaskScheduler.Default));

        var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Sweep.Silo");
        var silo = host.Services.GetRequiredService<ILocalSiloDetails>();
        log.LogInformation(
            "joined cluster '{ClusterId}' (service '{ServiceId}') through Redis {Redis} ({RedisAccess}) as silo {Silo}, gateway {Gateway}, {Slots} compute slots, {Transport}",
            settings.ClusterId,
            settings.ServiceId,
            settings.Redis,
            RedisAccess(settings.Redis),
            silo.SiloAddress.ToParsableString(),
            silo.GatewayAddress?.ToParsableString() ?? "none",
            settings.Slots,
            settings.Tls?.ToString() ?? "no TLS between silos and clients");

        try
        {
            await host.WaitForShutdownAsync();
        }
        catch (OperationCanceledException)
        {
            // The bounded stop ran out (Redis gone, say): what was stored stays stored.
            log.LogWarning("stop did not finish within {Seconds} s; leaving without a graceful exit from the cluster", StopBound.TotalSeconds);
            return 0;
        }

        // Slurm, docker stop and Kubernetes send SIGTERM; this line is how their logs show the silo left in order.
        log.LogInformation("stopped gracefully: left the cluster and handed back its leased batches");
        return 0;
    }

    private static Grains.Metrics.MetricsEndpoint? StartMetrics(ClusterSiloSettings settings, out string? problem)
    {
        problem = null;
        if (settings.MetricsPort is not { } port)
        {
            return null;
        }

        try
        {
            Grains.Metrics.MetricsEndpoint endpoint = Grains.Metrics.MetricsEndpoint.Start(settings.MetricsListen, port);
            Console.Out.WriteLine($"sweep-silo: Prometheus metrics at {endpoint.Url}");
            return endpoint;
        }
        catch (System.Net.HttpListenerException e)
        {
            problem = $"metrics-port: cannot listen on {settings.MetricsListen}:{port}: {e.Message}";
            return null;
        }
    }

    /// <summary>How this silo reaches Redis, for the log: never the password itself.</summary>
    private static string RedisAccess(RedisEndpoint redis)
        => $"{redis.Credentials?.ToString() ?? "no password"}, {redis.Tls?.ToString() ?? "no TLS"}";
}
