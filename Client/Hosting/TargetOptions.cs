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
}
