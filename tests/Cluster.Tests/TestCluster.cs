using System.Globalization;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using Sweep.Client.Hosting;
using Sweep.Client.Hosting.Remote;
using Sweep.Grains.Cluster;

namespace Sweep.Cluster.Tests;

/// <summary>
/// A fresh Redis (append-only, fsync always) and silo containers on host networking. With no
/// port mapping each container gets fixed ports from the test's own range: Redis on the base
/// port, silo i on base + 1 + i, its gateway on base + 11 + i.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    public const string JoinedLine = "joined cluster";

    private readonly int _basePort;
    private readonly List<IContainer> _silos = new();

    private readonly string _siloImage;

    private readonly SecuredRedis? _secured;

    private TestCluster(int basePort, IContainer redis, string siloImage, SecuredRedis? secured)
    {
        _basePort = basePort;
        Redis = redis;
        _siloImage = siloImage;
        _secured = secured;
    }

    public IContainer Redis { get; }

    public IReadOnlyList<IContainer> Silos => _silos;

    /// <summary>Redis' address, with its password and TLS settings when it has them.</summary>
    public RedisEndpoint RedisEndpoint => _secured?.Endpoint(_basePort) ?? new("127.0.0.1", _basePort);

    /// <param name="siloImage">The silos' image: this build's, or `sweep-silo:pre-envelope` for a store an earlier build wrote.</param>
    /// <param name="secured">A Redis with a password (and TLS), which the silos are given; null: an open one.</param>
    public static async Task<TestCluster> StartAsync(int basePort, int silos = 3, string siloImage = "sweep-silo", SecuredRedis? secured = null)
    {
        DockerEnvironment.Require();
        DockerCli.RemoveLeftovers();
        IContainer redis = Secured(HostNetworked(new ContainerBuilder("sweep-redis")), secured)
            .WithCommand(
                secured?.RedisCommand(basePort).ToArray() ??
                [
                    "--bind", "127.0.0.1", "--port", Port(basePort), "--dir", "/data", "--save", string.Empty,
                    "--appendonly", "yes", "--appendfsync", "always",
                ])
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("Ready to accept connections"))
            .Build();
        var cluster = new TestCluster(basePort, redis, siloImage, secured);
        try
        {
            await redis.StartAsync();
            // Silos start one after another: on two cores, three at once only slow each other.
            for (int i = 0; i < silos; i++)
            {
                IContainer silo = cluster.SiloContainer(i, $"127.0.0.1:{Port(basePort)}", JoinedLine);
                cluster._silos.Add(silo);
                await silo.StartAsync();
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Starts more silos, one after another, on the next free ports of the range; each has joined on return.</summary>
    public async Task AddSilosAsync(int count)
    {
        for (int i = 0; i < count; i++)
        {
            IContainer silo = SiloContainer(_silos.Count, $"127.0.0.1:{Port(_basePort)}", JoinedLine);
            _silos.Add(silo);
            await silo.StartAsync();
        }
    }

    /// <summary>A silo container that is not started: for silos that must fail.</summary>
    public static IContainer Silo(int siloPort, int gatewayPort, string redis)
        => HostNetworked(new ContainerBuilder("sweep-silo"))
            .WithCommand("--redis", redis, "--silo-port", Port(siloPort), "--gateway-port", Port(gatewayPort), "--slots", "1")
            .Build();

    /// <summary>The Prometheus port of the silo started index-th (on 127.0.0.1).</summary>
    public int MetricsPort(int index) => _basePort + 31 + index;

    public Task<RemoteCluster> ConnectAsync()
        => RemoteCluster.ConnectAsync(
            new ClusterTarget(RedisEndpoint, ClusterSiloSettings.DefaultClusterId, ClusterSiloSettings.DefaultServiceId, TimeSpan.FromSeconds(ClusterTarget.DefaultOutageSeconds)),
            TextWriter.Null,
            CancellationToken.None);

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster.</summary>
    public void Kill(IContainer container) => DockerCli.Check("kill", "--signal", "KILL", container.Id);

    /// <summary>
    /// Starts killed silos again in place, all at once as after an outage, and waits until each
    /// has joined once more. One at a time, the first would wait for its dead peers to be
    /// declared dead before joining; together, each new silo retires its own predecessor.
    /// </summary>
    public async Task RestartSilosAsync(IReadOnlyList<IContainer> silos, TimeSpan timeout)
    {
        int[] joined = silos.Select(s => Count(DockerCli.Logs(s.Id), JoinedLine)).ToArray();
        DockerCli.Check(["start", .. silos.Select(s => s.Id)]);
        for (int i = 0; i < silos.Count; i++)
        {
            IContainer silo = silos[i];
            int before = joined[i];
            await WaitForAsync(() => Count(DockerCli.Logs(silo.Id), JoinedLine) > before, timeout, $"silo {silo.Id[..12]} to join again");
        }
    }

    public async Task StopRedisAsync() => await Redis.StopAsync();

    public async Task StartRedisAsync(TimeSpan timeout)
    {
        DockerCli.Check("start", Redis.Id);
        await WaitForAsync(async () => await RedisProbe.CheckAsync(RedisEndpoint, TimeSpan.FromSeconds(1)) is null, timeout, "Redis to answer again");
    }

    public string SiloLogs() => string.Concat(_silos.Select(s => DockerCli.Logs(s.Id)));

    /// <summary>
    /// Keys of the batch results Redis holds (each batch's key, as the batch store names it),
    /// read with redis-cli inside the Redis container: the durable record of what is stored.
    /// </summary>
    public IReadOnlyList<string> StoredBatchKeys()
    {
        const string Prefix = "sweep/state/realizationbatch/";
        const string Suffix = "/batch";
        string output = DockerCli.Check("exec", Redis.Id, "redis-cli", "-p", Port(_basePort), "--scan", "--pattern", Prefix + "*" + Suffix);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => k[Prefix.Length..^Suffix.Length])
            .ToList();
    }

    /// <summary>Every Redis key matching the pattern (redis-cli --scan), whatever it holds.</summary>
    public IReadOnlyList<string> StoredKeys(string pattern)
        => DockerCli.Check("exec", Redis.Id, "redis-cli", "-p", Port(_basePort), "--scan", "--pattern", pattern)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public async ValueTask DisposeAsync()
    {
        // Kept for the post-mortem of a failed test; the containers go away with their logs.
        string dir = Path.Combine(Path.GetTempPath(), "sweep-cluster-tests", _basePort.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        for (int i = 0; i < _silos.Count; i++)
        {
            File.WriteAllText(Path.Combine(dir, $"silo-{i}.log"), DockerCli.Logs(_silos[i].Id));
        }

        foreach (IContainer silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await Redis.DisposeAsync();
        DockerCli.RemoveLeftovers();
    }

    public static int Count(string text, string needle)
    {
        int count = 0;
        for (int at = text.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = text.IndexOf(needle, at + needle.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    public static Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
        => WaitForAsync(() => Task.FromResult(condition()), timeout, what);

    public static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {timeout.TotalSeconds} s for {what}");
            }

            await Task.Delay(250);
        }
    }

    private IContainer SiloContainer(int index, string redis, string waitFor)
        => Secured(HostNetworked(new ContainerBuilder(_siloImage)), _secured, withPassword: true)
            .WithCommand(
            [
                "--redis", redis,
                "--silo-port", Port(_basePort + 1 + index),
                "--gateway-port", Port(_basePort + 11 + index),
                "--slots", "1",
                "--resume-seconds", "5",
                "--metrics-port", Port(MetricsPort(index)),
                .. _secured?.SiloArguments() ?? [],
            ])
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged(waitFor))
            .Build();

    /// <summary>A silo of this cluster that is not started, with the password given: for silos that must fail.</summary>
    public IContainer SiloWithPassword(int index, string password)
        => HostNetworked(new ContainerBuilder(_siloImage))
            .WithBindMount(_secured!.Directory, SecuredRedis.MountPoint, AccessMode.ReadOnly)
            .WithEnvironment(Sweep.Grains.Cluster.RedisCredentials.PasswordVariable, password)
            .WithCommand(["--redis", $"127.0.0.1:{Port(_basePort)}", "--silo-port", Port(_basePort + 1 + index), "--gateway-port", Port(_basePort + 11 + index), "--slots", "1", .. _secured.SiloArguments()])
            .Build();

    // The secured Redis' files, read-only; a silo also gets the password in its environment, as
    // a Kubernetes Secret or a compose env file gives it. Redis reads it from its config file.
    private static ContainerBuilder Secured(ContainerBuilder builder, SecuredRedis? secured, bool withPassword = false)
        => secured is null
            ? builder
            : withPassword
                ? Secured(builder, secured).WithEnvironment(Sweep.Grains.Cluster.RedisCredentials.PasswordVariable, secured.Password)
                : builder.WithBindMount(secured.Directory, SecuredRedis.MountPoint, AccessMode.ReadOnly);

    // Host networking keeps every byte on 127.0.0.1 (no bridge exists on this engine); Init
    // makes SIGTERM reach the silo, which runs as PID 1's child.
    private static ContainerBuilder HostNetworked(ContainerBuilder builder)
        => builder
            .WithImagePullPolicy(PullPolicy.Never)
            .WithCreateParameterModifier(p =>
            {
                p.HostConfig ??= new Docker.DotNet.Models.HostConfig();
                p.HostConfig.NetworkMode = "host";
                p.HostConfig.Init = true;
            });

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
