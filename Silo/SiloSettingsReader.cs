using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Sweep.Campaigns;
using Sweep.Grains.Cluster;
using Sweep.Grains.Compute;

namespace Sweep.Silo;

/// <summary>
/// Reads the silo's settings from, in rising precedence: an optional sweep-silo.json in the
/// working directory, SWEEP_* environment variables, and command-line options. Every setting
/// has one name in each (for example "redis", SWEEP_REDIS, --redis), so containers, batch
/// scripts and humans configure it the same way.
/// </summary>
internal static class SiloSettingsReader
{
    public const string ConfigFile = "sweep-silo.json";

    /// <summary>
    /// Setting names (as in the JSON file and after "--" on the command line), with the value's
    /// name in the help and the help itself.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string Value, string Help)> Settings =
    [
        ("redis", "HOST:PORT", "host:port of the Redis server holding membership, grain state and reminders (required)"),
        ("silo-port", "PORT", $"silo-to-silo port (default {ClusterSiloSettings.DefaultSiloPort})"),
        ("gateway-port", "PORT", $"port clients connect to (default {ClusterSiloSettings.DefaultGatewayPort})"),
        ("advertised-address", "IP", "IP address other silos and clients reach this one at (default 127.0.0.1)"),
        ("cluster-id", "ID", $"cluster id: silos with the same id form one cluster (default {ClusterSiloSettings.DefaultClusterId})"),
        ("service-id", "ID", $"service id: names the stored state, keep it across deployments (default {ClusterSiloSettings.DefaultServiceId})"),
        ("slots", "K", "compute slots: batches computed at once, 1..1024 (default: the number of cores)"),
        ("memory-per-slot", "SIZE", $"memory each compute slot may use, such as 2GiB or 512MiB; batches needing more are left to silos with more (default: the memory this process may use, a container's limit included, less {MemorySize.Format(SlotMemory.ProcessReserveBytes)}, shared by the slots)"),
        ("resume-seconds", "S", $"period of a running campaign's durable reminder in seconds, at least 1 (default {ClusterSiloSettings.DefaultResumeSeconds})"),
        ("redis-user", "USER", $"Redis ACL user (default: Redis' default user); the password comes from {RedisCredentials.PasswordVariable} or --redis-password-file"),
        ("redis-password-file", "FILE", $"file holding the Redis password (one line); instead of {RedisCredentials.PasswordVariable}, never on the command line"),
        ("redis-tls", "true|false", "connect to Redis with TLS (default false; on when --redis-ca or --redis-cert is given)"),
        ("redis-ca", "FILE", "PEM file of the CA that signed Redis' certificate (default: the system's trust store)"),
        ("redis-cert", "FILE", "PEM client certificate to present to Redis (for tls-auth-clients)"),
        ("redis-key", "FILE", "PEM private key of --redis-cert (default: read from the --redis-cert file)"),
        ("metrics-port", "PORT", "serve Prometheus metrics at http://ADDR:PORT/metrics (default: off)"),
        ("metrics-listen", "IP", "address the metrics endpoint binds (default 127.0.0.1; any other lets whoever reaches it read the metrics)"),
        ("tls-cert", "FILE", $"TLS between silos and clients: this silo's certificate, PEM or PFX, naming --advertised-address as an IP subject alternative name (key password, if any, from {ClusterTls.KeyPasswordVariable}); needs --tls-ca"),
        ("tls-key", "FILE", "PEM private key of --tls-cert (default: read from the --tls-cert file)"),
        ("tls-ca", "FILE", "PEM file of the CA that signed every silo's and client's certificate; only it is trusted"),
    ];

    /// <summary>
    /// Read from the environment only, never from the command line (where `ps` shows it) or the
    /// settings file: the Redis password. The user's variable doubles as redis-user's.
    /// </summary>
    public const string PasswordVariable = RedisCredentials.PasswordVariable;

    public static string EnvironmentName(string setting) => "SWEEP_" + setting.Replace('-', '_').ToUpperInvariant();

    /// <summary>
    /// Builds the settings from the command line's values (by setting name, as SiloCommandLine
    /// parsed them), the environment and the file, or throws <see cref="FormatException"/>
    /// naming the setting at fault.
    /// </summary>
    public static ClusterSiloSettings Read(IReadOnlyDictionary<string, string?> commandLine, Func<string, string?> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(environment);
        var known = Settings.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var fromEnvironment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (string name in known)
        {
            if (environment(EnvironmentName(name)) is { } value)
            {
                fromEnvironment[name] = value;
            }
        }

        IConfiguration config = new ConfigurationBuilder()
            .SetBasePath(workingDirectory)
            .AddJsonFile(ConfigFile, optional: true)
            .AddInMemoryCollection(fromEnvironment)
            .AddInMemoryCollection(commandLine)
            .Build();

        string redis = config["redis"] ?? throw new FormatException(
            $"no Redis address: pass --redis host:port, set {EnvironmentName("redis")}, or put \"redis\" in {ConfigFile}");
        RedisEndpoint endpoint = RedisEndpoint.Parse(redis) with
        {
            Credentials = RedisCredentials.Read(config["redis-user"], config["redis-password-file"], environment, "redis-password-file", "redis-user"),
            Tls = RedisTls.Read(Bool(config, "redis-tls"), config["redis-ca"], config["redis-cert"], config["redis-key"], ("redis-tls", "redis-ca", "redis-cert", "redis-key")),
        };
        var settings = new ClusterSiloSettings
        {
            Redis = endpoint,
            Tls = ClusterTls.Read(config["tls-cert"], config["tls-key"], config["tls-ca"], environment, ("tls-cert", "tls-key", "tls-ca")),
        };
        int resumeSeconds = Int(config, "resume-seconds", ClusterSiloSettings.DefaultResumeSeconds, 1, 86_400);
        return settings with
        {
            SiloPort = Int(config, "silo-port", settings.SiloPort, 1, 65535),
            GatewayPort = Int(config, "gateway-port", settings.GatewayPort, 1, 65535),
            AdvertisedAddress = Address(config, "advertised-address", settings.AdvertisedAddress),
            ClusterId = Text(config, "cluster-id", settings.ClusterId),
            ServiceId = Text(config, "service-id", settings.ServiceId),
            Slots = Int(config, "slots", settings.Slots, 1, 1024),
            MemoryPerSlot = Size(config, "memory-per-slot"),
            ResumePeriod = TimeSpan.FromSeconds(resumeSeconds),
            MetricsPort = config["metrics-port"] is null ? null : Int(config, "metrics-port", 0, 1, 65535),
            MetricsListen = Address(config, "metrics-listen", settings.MetricsListen),
        };
    }

    private static int Int(IConfiguration config, string name, int fallback, int min, int max)
    {
        string? text = config[name];
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max
            ? v
            : throw new FormatException($"{name}: '{text}' is not an integer in {min}..{max}");
    }

    private static long? Size(IConfiguration config, string name)
    {
        string? text = config[name];
        if (text is null)
        {
            return null;
        }

        return MemorySize.TryParse(text, out long bytes)
            ? bytes
            : throw new FormatException($"{name}: '{text}' is not a size such as 2GiB or 512MiB (binary units, at least 1 MiB)");
    }

    private static bool Bool(IConfiguration config, string name)
        => config[name]?.Trim().ToLowerInvariant() switch
        {
            null or "false" or "no" or "0" => false,
            "true" or "yes" or "1" => true,
            _ => throw new FormatException($"{name}: '{config[name]}' is not true or false"),
        };

    private static IPAddress Address(IConfiguration config, string name, IPAddress fallback)
    {
        string? text = config[name];
        if (text is null)
        {
            return fallback;
        }

        return IPAddress.TryParse(text, out IPAddress? address) ? address : throw new FormatException($"{name}: '{text}' is not an IP address");
    }

    private static string Text(IConfiguration config, string name, string fallback)
    {
        string? text = config[name];
        return text is null ? fallback : !string.IsNullOrWhiteSpace(text) ? text : throw new FormatException($"{name}: is empty");
    }
}
