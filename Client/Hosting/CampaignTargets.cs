using Sweep.Client.Local;
using Sweep.Client.Remote;

namespace Sweep.Client.Hosting;

/// <summary>
/// Chooses where the reading commands look: with `--redis`, a running cluster's grains; else
/// the data directory's store (`--data`, $SWEEP_DATA or ./sweep-data).
/// </summary>
internal static class CampaignTargets
{
    /// <summary>The options every reading command takes, for its usage line.</summary>
    public const string Usage = TargetOptions.Usage;

    public static async Task<ICampaignTarget> OpenAsync(TargetOptions options, TextWriter notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (ClusterTarget.From(options) is { } target)
        {
            return new ClusterCampaignSource(await RemoteCluster.ConnectAsync(target, notices, cancellationToken));
        }

        return new LocalCampaignSource(DataDirectory.Resolve(options.Data));
    }
}
