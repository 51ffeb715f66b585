using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Sweep.Grains.Cluster;

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

    /// <summary>Option names (as in the JSON file and after "--" on the command line), with their help.</summary>
    public static readonly IReadOnlyList<(string Name, string Help)> Settings =
    [
        ("redis", "host:port of the Redis server holding membership, grain state and reminders (required)"),
        ("silo-port", $"silo-to-silo port (default {ClusterSiloSettings.DefaultSiloPort})"),
        ("gateway-port", $"port clients connect to (default {ClusterSiloSettings.DefaultGatewayPort})"),
        ("advertised-address", "IP address other silos and clients reach this one at (default 127.0.0.1)"),
        ("cluster-id", $"cluster id: silos with the same id form one cluster (default {ClusterSiloSettings.DefaultClusterId})"),
        ("service-id", $"service id: names the stored state, keep it across deployments (default {ClusterSiloSettings.DefaultServiceId})"),
        ("slots", "compute slots: batches computed at once (default: the number of cores)"),
        ("resume-seconds", $"period of a running campaign's durable reminder in seconds, at least 1 (default {ClusterSiloSettings.DefaultResumeSeconds})"),
    ];

    public static string EnvironmentName(string setting) => "SWEEP_" + setting.Replace('-', '_').ToUpperInvariant();

    /// <summary>Builds the settings, or throws <see cref="FormatException"/> naming the setting at fault.</summary>
    public static ClusterSiloSettings Read(IReadOnlyList<string> args, Func<string, string?> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(args);
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
            .AddInMemoryCollection(ParseCommandLine(args, known))
            .Build();

        string redis = config["redis"] ?? throw new FormatException(
            $"no Redis address: pass --redis host:port, set {EnvironmentName("redis")}, or put \"redis\" in {ConfigFile}");
        var settings = new ClusterSiloSettings { Redis = RedisEndpoint.Parse(redis) };
        int resumeSeconds = Int(config, "resume-seconds", ClusterSiloSettings.DefaultResumeSeconds, 1, 86_400);
        return settings with
        {
            SiloPort = Int(config, "silo-port", settings.SiloPort, 1, 65535),
            GatewayPort = Int(config, "gateway-port", settings.GatewayPort, 1, 65535),
            AdvertisedAddress = Address(config, "advertised-address", settings.AdvertisedAddress),
            ClusterId = Text(config, "cluster-id", settings.ClusterId),
            ServiceId = Text(config, "service-id", settings.ServiceId),
            Slots = Int(config, "slots", settings.Slots, 1, 1024),
            ResumePeriod = TimeSpan.FromSeconds(resumeSeconds),
        };
    }

    private static Dictionary<string, string?> ParseCommandLine(IReadOnlyList<string> args, HashSet<string> known)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new FormatException($"unexpected argument '{arg}'");
            }

            string name = arg[2..];
            string? value = null;
            int eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }

            if (!known.Contains(name))
            {
                throw new FormatException($"--{name}: unknown option (try --help)");
            }

            if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    throw new FormatException($"--{name}: needs a value");
                }

                value = args[++i];
            }

            if (!values.TryAdd(name, value))
            {
                throw new FormatException($"--{name}: given more than once");
            }
        }

        return values;
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
