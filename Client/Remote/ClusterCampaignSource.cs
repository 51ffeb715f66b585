using Sweep.Client.Cli;
using Sweep.Client.Hosting;
using Sweep.Client.Reports;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Remote;

/// <summary>
/// Campaigns of a running cluster, read from their grains as an Orleans client: the names from
/// the campaign directory, status and tables from the campaign grain, results point by point.
/// Every call rides out silos dying (see <see cref="ClusterRetry"/>).
/// </summary>
internal sealed class ClusterCampaignSource : ICampaignTarget
{
    /// <summary>Point reads (results, snapshots) asked for at once: enough to hide latency, few enough not to queue up on two cores.</summary>
    private const int ResultCallsInFlight = 8;

    private readonly RemoteCluster _cluster;

    public ClusterCampaignSource(RemoteCluster cluster) => _cluster = cluster;

    public string Description => _cluster.Description;

    /// <summary>The connection, owned by this source, for commands that do more than read.</summary>
    public RemoteCluster Cluster => _cluster;

    public async Task<IReadOnlyList<string>> CampaignNamesAsync(CancellationToken cancellationToken)
    {
        var directory = _cluster.Grains.GetGrain<ICampaignDirectoryGrain>(0);
        string[] names = await _cluster.Retry.CallAsync(directory.GetNames, "reading the campaign names", cancellationToken);
        return names.Order(StringComparer.Ordinal).ToList();
    }

    public async Task<CampaignReadout> ReadAsync(string name, bool withResults, CancellationToken cancellationToken)
    {
        var campaign = _cluster.Grains.GetGrain<ICampaignGrain>(name);
        string what = $"reading campaign '{name}'";
        string? spec = await _cluster.Retry.CallAsync(campaign.GetSpec, what, cancellationToken);
        if (spec is null)
        {
            IReadOnlyList<string> known = await CampaignNamesAsync(cancellationToken);
            throw new UsageException($"no campaign '{name}' in {Description} (known: {string.Join(", ", known.DefaultIfEmpty("none"))})");
        }

        CampaignStatus status = await _cluster.Retry.CallAsync(campaign.GetStatus, what, cancellationToken);
        ScalingTable table = await _cluster.Retry.CallAsync(campaign.GetTable, what, cancellationToken);
        IReadOnlyList<PointResult>? results = withResults ? await ResultsAsync(status, cancellationToken) : null;
        return new CampaignReadout(name, spec, status, table, results);
    }

    /// <summary>What `sweep report` draws from: the campaign with its results, the points' settings and their Fig. 1 snapshots.</summary>
    public async Task<ReportSource> ReadReportAsync(string name, CancellationToken cancellationToken)
    {
        CampaignReadout campaign = await ReadAsync(name, withResults: true, cancellationToken);
        var grain = _cluster.Grains.GetGrain<ICampaignGrain>(name);
        PointSettingsData? settings = await _cluster.Retry.CallAsync(grain.GetSettings, $"reading campaign '{name}'", cancellationToken);
        SpinSnapshotData?[] snapshots = await PerPointAsync(campaign.Status, p => p.GetSnapshot(), "snapshot", cancellationToken);
        var found = campaign.Status.PointSummaries
            .Zip(snapshots, (s, snapshot) => (s.Key, Snapshot: snapshot))
            .Where(p => p.Snapshot is not null)
            .Select(p => (p.Key, p.Snapshot!))
            .ToList();
        return ReportSource.From(campaign, settings, found);
    }

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    private async Task<IReadOnlyList<PointResult>> ResultsAsync(CampaignStatus status, CancellationToken cancellationToken)
        => (await PerPointAsync(status, p => p.GetResult(), "result", cancellationToken)).OfType<PointResult>().ToList();

    // Point by point rather than through the campaign grain: one message per point instead of
    // one holding every curve, and a silo dying costs one retried point, not the whole read.
    private async Task<T[]> PerPointAsync<T>(CampaignStatus status, Func<IGridPointGrain, Task<T>> read, string what, CancellationToken cancellationToken)
    {
        var values = new T[status.PointSummaries.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, values.Length),
            new ParallelOptions { MaxDegreeOfParallelism = ResultCallsInFlight, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                PointKey key = status.PointSummaries[i].Key;
                var point = _cluster.Grains.GetGrain<IGridPointGrain>(key.GrainKey);
                values[i] = await _cluster.Retry.CallAsync(() => read(point), $"reading the {what} of point {key.GrainKey}", ct);
            });
        return values;
    }
}
