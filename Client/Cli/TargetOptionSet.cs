using System.CommandLine;
using Sweep.Client.Hosting;
using Sweep.Grains.Cluster;

namespace Sweep.Client.Cli;

/// <summary>
/// The options that name where a command's campaigns are: `--data DIR` for local mode, or
/// `--redis HOST:PORT` with its cluster options. One set of definitions is added to every
/// command that takes a target, so they are spelled, documented and read the same everywhere,
/// and read into the one <see cref="TargetOptions"/> record the hosting layer resolves.
/// </summary>
internal sealed class TargetOptionSet
{
    public Option<string> Data { get; } = CliOptions.Text("--data", "DIR", "local mode: the data directory holding sweep.db (default: $SWEEP_DATA, else ./sweep-data)");

    public Option<string> Redis { get; } = CliOptions.Text("--redis", "HOST:PORT", "cluster mode: the Redis server of a running cluster (docs/cluster.md)");

    public Option<string> ClusterId { get; } = CliOptions.Text("--cluster-id", "ID", $"with --redis: the cluster id the silos were started with (default {ClusterSiloSettings.DefaultClusterId})");

    public Option<string> ServiceId { get; } = CliOptions.Text("--service-id", "ID", $"with --redis: the service id naming the stored state (default {ClusterSiloSettings.DefaultServiceId})");

    public Option<double?> OutageSeconds { get; } = CliOptions.Number("--outage-seconds", "S", $"with --redis: seconds to keep retrying while no silo answers, then exit 4 (default {ClusterTarget.DefaultOutageSeconds:F0})");

    public Option<string> RedisUser { get; } = CliOptions.Text("--redis-user", "USER", $"with --redis: Redis ACL user (default: ${RedisCredentials.UserVariable}, else Redis' default user)");

    public Option<string> RedisPasswordFile { get; } = CliOptions.Text("--redis-password-file", "FILE", $"with --redis: file holding the Redis password, one line (or set ${RedisCredentials.PasswordVariable}; never on the command line)");

    public Option<bool> RedisTls { get; } = CliOptions.Flag("--redis-tls", "with --redis: connect to Redis with TLS (implied by --redis-ca and --redis-cert)");

    public Option<string> RedisCa { get; } = CliOptions.Text("--redis-ca", "FILE", "with --redis: PEM file of the CA that signed Redis' certificate (default: the system's trust store)");

    public Option<string> RedisCertificate { get; } = CliOptions.Text("--redis-cert", "FILE", "with --redis: PEM client certificate to present to Redis");

    public Option<string> RedisKey { get; } = CliOptions.Text("--redis-key", "FILE", "with --redis: PEM private key of --redis-cert (default: read from the --redis-cert file)");

    public Option<string> TlsCertificate { get; } = CliOptions.Text("--tls-cert", "FILE", $"with --redis: TLS between silos and clients: this client's certificate, PEM or PFX (key password, if any, from ${ClusterTls.KeyPasswordVariable}); needs --tls-ca");

    public Option<string> TlsKey { get; } = CliOptions.Text("--tls-key", "FILE", "with --redis: PEM private key of --tls-cert (default: read from the --tls-cert file)");

    public Option<string> TlsCa { get; } = CliOptions.Text("--tls-ca", "FILE", "with --redis: PEM file of the CA that signed the silos' certificates (and this client's); only it is trusted");

    public IEnumerable<Option> All => [Data, Redis, ClusterId, ServiceId, OutageSeconds, RedisUser, RedisPasswordFile, RedisTls, RedisCa, RedisCertificate, RedisKey, TlsCertificate, TlsKey, TlsCa];

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (Option option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The options as given (null where not given); validated by ClusterTarget.From when resolved.</summary>
    public TargetOptions Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new TargetOptions(parse.GetValue(Data), parse.GetValue(Redis), parse.GetValue(ClusterId), parse.GetValue(ServiceId), parse.GetValue(OutageSeconds))
        {
            RedisAccess = new RedisAccessOptions(parse.GetValue(RedisUser), parse.GetValue(RedisPasswordFile), parse.GetValue(RedisTls), parse.GetValue(RedisCa), parse.GetValue(RedisCertificate), parse.GetValue(RedisKey)),
            ClusterTls = new ClusterTlsOptions(parse.GetValue(TlsCertificate), parse.GetValue(TlsKey), parse.GetValue(TlsCa)),
        };
    }
}
