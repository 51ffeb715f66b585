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

    public IEnumerable<Option> All => [Data, Redis, ClusterId, ServiceId, OutageSeconds];

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
        return new TargetOptions(parse.GetValue(Data), parse.GetValue(Redis), parse.GetValue(ClusterId), parse.GetValue(ServiceId), parse.GetValue(OutageSeconds));
    }
}
