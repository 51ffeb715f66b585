using Sweep.Client.Cli;
using Sweep.Client.Local;
using Sweep.Client.Remote;

namespace Sweep.Client.Hosting;

/// <summary>
/// Chooses where the reading commands look: with `--redis`, a running cluster's grains; else
/// the data directory's store (`--data`, $SWEEP_DATA or ./sweep-data).
/// </summary>
internal static class CampaignSources
{
    /// <summary>The options every reading command takes, for its usage line.</summary>
    public const string Usage = "[--data DIR | " + ClusterTarget.Usage + "]";

    public static readonly string[] ValueOptions = ["--data", .. ClusterTarget.ValueOptions];

    public static async Task<ICampaignSource> OpenAsync(ArgumentReader reader, TextWriter notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (ClusterTarget.Read(reader) is { } target)
        {
            return new ClusterCampaignSource(await RemoteCluster.ConnectAsync(target, notices, cancellationToken));
        }

        return new LocalCampaignSource(DataDirectory.Resolve(reader.String("--data")));
    }
}
