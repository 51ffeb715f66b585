using Sweep.Client.Cli;

namespace Sweep.Client.Hosting;

/// <summary>
/// The options that say which campaigns a command works on, as the user gave them: `--data DIR`
/// for a local data directory, or `--redis HOST:PORT` (with `--cluster-id`, `--service-id`,
/// `--outage-seconds`) for a cluster. Null means not given. Every command that reads or changes
/// campaigns resolves its target from this one record (<see cref="CampaignTargets"/>).
/// </summary>
internal sealed record TargetOptions(string? Data, string? Redis, string? ClusterId, string? ServiceId, double? OutageSeconds)
{
    public const string Usage = "[--data DIR | " + ClusterTarget.Usage + "]";

    public static readonly string[] ValueOptions = ["--data", "--redis", "--cluster-id", "--service-id", "--outage-seconds"];

    public static TargetOptions Read(ArgumentReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new TargetOptions(
            reader.String("--data"),
            reader.String("--redis"),
            reader.String("--cluster-id"),
            reader.String("--service-id"),
            reader.String("--outage-seconds") is null ? null : reader.Double("--outage-seconds"));
    }
}
