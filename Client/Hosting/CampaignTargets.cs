using Sweep.Client.Hosting.Local;
using Sweep.Client.Hosting.Remote;
using Sweep.Client.Hosting.Verification;

namespace Sweep.Client.Hosting;

/// <summary>
/// Resolves, once per command, where its campaigns are: `--redis` gives a running cluster;
/// otherwise the data directory (`--data`, $SWEEP_DATA or ./sweep-data) gives the live local
/// run that holds it, through its gateway, or else its store, read-only.
/// </summary>
internal static class CampaignTargets
{
    /// <summary>The options every such command takes, for its usage line.</summary>
    public const string Usage = TargetOptions.Usage;

    /// <summary>How long a run that holds the lock gets to record its gateway (its silo is starting).</summary>
    private static readonly TimeSpan RunStartup = TimeSpan.FromSeconds(10);

    public static async Task<ICampaignTarget> OpenAsync(TargetOptions options, TextWriter notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (ClusterTarget.From(options) is { } target)
        {
            return new GrainCampaignTarget(await RemoteCluster.ConnectAsync(target, notices, cancellationToken));
        }

        DataDirectory data = DataDirectory.Resolve(options.Data);
        if (LocalRunRecord.FindLive(data, RunStartup) is { } run)
        {
            return new GrainCampaignTarget(await RemoteCluster.ConnectAsync(run, data, notices, cancellationToken));
        }

        return new StoreCampaignTarget(data);
    }

    /// <summary>The same resolution for `sweep verify`: what it reads back and repairs through.</summary>
    public static async Task<IVerificationSource> OpenVerificationAsync(TargetOptions options, TextWriter notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (ClusterTarget.From(options) is { } target)
        {
            return new GrainVerificationSource(await RemoteCluster.ConnectAsync(target, notices, cancellationToken), file: null);
        }

        DataDirectory data = DataDirectory.Resolve(options.Data);
        if (LocalRunRecord.FindLive(data, RunStartup) is { } run)
        {
            return new GrainVerificationSource(await RemoteCluster.ConnectAsync(run, data, notices, cancellationToken), data);
        }

        // Refuses a directory without a store, or a truncated one, as every command does.
        await new StoreCampaignTarget(data).DisposeAsync();
        return new StoreVerificationSource(data);
    }
}
