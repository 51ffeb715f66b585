using System.Globalization;
using Sweep.Client.Cli;
using Sweep.Grains.Cluster;

namespace Sweep.Client.Hosting;

/// <summary>
/// The cluster a command talks to, from `--redis HOST:PORT [--cluster-id ID] [--service-id ID]
/// [--outage-seconds S]`; no `--redis` means local mode. Every command that can reach a cluster
/// reads these options here, so they mean the same thing and are refused the same way.
/// </summary>
internal sealed record ClusterTarget(RedisEndpoint Redis, string ClusterId, string ServiceId, TimeSpan OutageLimit)
{
    public const string Usage = "--redis HOST:PORT [--cluster-id ID] [--service-id ID] [--outage-seconds S]";

    /// <summary>
    /// How long a command keeps retrying while no silo answers. Two minutes covers a silo's
    /// death being detected and its grains moving, and all silos of a batch job being restarted;
    /// longer outages are better reported than waited out in silence.
    /// </summary>
    public const double DefaultOutageSeconds = 120;

    /// <summary>The cluster named by the options, or null for local mode (then cluster-only options are refused).</summary>
    public static ClusterTarget? From(TargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Redis is null)
        {
            foreach ((string option, bool given) in new[] { ("--cluster-id", options.ClusterId is not null), ("--service-id", options.ServiceId is not null), ("--outage-seconds", options.OutageSeconds is not null) })
            {
                if (given)
                {
                    throw UsageException.ForOption(option, "only applies to a cluster (with --redis)");
                }
            }

            if (options.RedisAccess.Given().Concat(options.ClusterTls.Given()).FirstOrDefault() is { } access)
            {
                throw UsageException.ForOption(access, "only applies to a cluster (with --redis)");
            }

            return null;
        }

        if (options.Data is not null)
        {
            throw UsageException.ForOption("--data", "is for local mode; a cluster stores everything in its Redis");
        }

        RedisEndpoint endpoint;
        try
        {
            endpoint = RedisEndpoint.Parse(options.Redis);
        }
        catch (FormatException e)
        {
            throw UsageException.ForOption("--redis", e.Message);
        }

        endpoint = WithAccess(endpoint, options.RedisAccess, Environment.GetEnvironmentVariable);

        double outage = options.OutageSeconds ?? DefaultOutageSeconds;
        if (!(outage > 0 && outage <= 86_400))
        {
            throw UsageException.ForOption("--outage-seconds", string.Create(CultureInfo.InvariantCulture, $"must be more than 0 and at most 86400 s (got {outage})"));
        }

        return new ClusterTarget(
            endpoint,
            NonEmpty("--cluster-id", options.ClusterId) ?? ClusterSiloSettings.DefaultClusterId,
            NonEmpty("--service-id", options.ServiceId) ?? ClusterSiloSettings.DefaultServiceId,
            TimeSpan.FromSeconds(outage))
        {
            Tls = ReadTls(options.ClusterTls, Environment.GetEnvironmentVariable),
        };
    }

    /// <summary>Mutual TLS with the silos' gateways; null: plain TCP (the silos must run without TLS too).</summary>
    public ClusterTls? Tls { get; init; }

    public override string ToString() => $"cluster '{ClusterId}' through Redis {Redis}";

    /// <summary>The endpoint with its password (from the file or the environment) and TLS settings.</summary>
    internal static RedisEndpoint WithAccess(RedisEndpoint endpoint, RedisAccessOptions access, Func<string, string?> environment)
    {
        try
        {
            return endpoint with
            {
                Credentials = RedisCredentials.Read(access.User, access.PasswordFile, environment, "--redis-password-file", "--redis-user"),
                Tls = RedisTls.Read(access.Tls, access.Ca, access.Certificate, access.Key, ("--redis-tls", "--redis-ca", "--redis-cert", "--redis-key")),
            };
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>
    /// A missing or unusable certificate, key or CA file is bad input (exit 2, naming the option),
    /// as for the --redis-* files: exit 8 is kept for a peer that refuses.
    /// </summary>
    internal static ClusterTls? ReadTls(ClusterTlsOptions options, Func<string, string?> environment)
    {
        try
        {
            return ClusterTls.Read(options.Certificate, options.Key, options.Ca, environment, ("--tls-cert", "--tls-key", "--tls-ca"));
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    private static string? NonEmpty(string option, string? value)
        => value is not null && string.IsNullOrWhiteSpace(value) ? throw UsageException.ForOption(option, "is empty") : value;
}
