using Sweep.Client.Cli;
using Sweep.Client.Reports;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Hosting;

/// <summary>
/// Campaigns read and changed through their grains: in a cluster, in a live local run through
/// its gateway, or in a short-lived silo on a stopped store. The names come from the campaign
/// directory, status and tables from the campaign grain, results point by point.
/// </summary>
internal sealed class GrainCampaignTarget : ICampaignTarget
{
    /// <summary>Point reads (results, snapshots) asked for at once: enough to hide latency, few enough not to queue up on two cores.</summary>
    private const int PointCallsInFlight = 8;

    private readonly ICampaignCalls _calls;

    public GrainCampaignTarget(ICampaignCalls calls) => _calls = calls;

    public string Description => _calls.Description;

    public async Task<IReadOnlyList<string>> CampaignNamesAsync(CancellationToken cancellationToken)
    {
        var directory = _calls.Grains.GetGrain<ICampaignDirectoryGrain>(0);
        string[] names = await _calls.CallAsync(directory.GetNames, "reading the campaign names", cancellationToken);
        return names.Order(StringComparer.Ordinal).ToList();
    }

    public async Task<CampaignReadout> ReadAsync(string name, bool withResults, CancellationToken cancellationToken)
    {
        var campaign = _calls.Grains.GetGrain<ICampaignGrain>(name);
        string what = $"reading campaign '{name}'";
        string spec = await SpecAsync(name, cancellationToken);
        CampaignStatus status = await _calls.CallAsync(campaign.GetStatus, what, cancellationToken);
        ScalingTable table = await _calls.CallAsync(campaign.GetTable, what, cancellationToken);
        IReadOnlyList<PointResult>? results = withResults
            ? (await PerPointAsync(status, p => p.GetResult(), "result", cancellationToken)).OfType<PointResult>().ToList()
            : null;
        return new CampaignReadout(name, spec, status, table, results);
    }

    public async Task<CampaignStatus> ReadStatusAsync(string name, CancellationToken cancellationToken)
    {
        await SpecAsync(name, cancellationToken);
        var campaign = _calls.Grains.GetGrain<ICampaignGrain>(name);
        return await _calls.CallAsync(campaign.GetStatus, $"reading campaign '{name}'", cancellationToken);
    }

    public async Task<ReportSource> ReadReportAsync(string name, CancellationToken cancellationToken)
    {
        CampaignReadout campaign = await ReadAsync(name, withResults: true, cancellationToken);
        var grain = _calls.Grains.GetGrain<ICampaignGrain>(name);
        PointSettingsData? settings = await _calls.CallAsync(grain.GetSettings, $"reading campaign '{name}'", cancellationToken);
        SpinSnapshotData?[] snapshots = await PerPointAsync(campaign.Status, p => p.GetSnapshot(), "snapshot", cancellationToken);
        var found = campaign.Status.PointSummaries
            .Zip(snapshots, (s, snapshot) => (s.Key, Snapshot: snapshot))
            .Where(p => p.Snapshot is not null)
            .Select(p => (p.Key, p.Snapshot!))
            .ToList();
        return ReportSource.From(campaign, settings, found);
    }

    public async Task<(PointResult? Result, PointSettingsData? Settings)> ReadPointAsync(string name, PointKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await SpecAsync(name, cancellationToken);
        var campaign = _calls.Grains.GetGrain<ICampaignGrain>(name);
        PointSettingsData? settings = await _calls.CallAsync(campaign.GetSettings, $"reading campaign '{name}'", cancellationToken);
        var point = _calls.Grains.GetGrain<IGridPointGrain>(key.GrainKey);
        PointResult? result = await _calls.CallAsync(point.GetResult, $"reading the result of point {key.GrainKey}", cancellationToken);
        return (result, settings);
    }

    public Task<ComputeLoad> LoadAsync(CancellationToken cancellationToken)
    {
        var dispatcher = _calls.Grains.GetGrain<IDispatcherGrain>(0);
        return _calls.CallAsync(dispatcher.GetLoad, "reading the compute load", cancellationToken);
    }

    public async Task<CancelOutcome> CancelAsync(string name, CancellationToken cancellationToken)
    {
        // Reading it first turns a misspelt name into the usual error instead of a no-op.
        await SpecAsync(name, cancellationToken);
        var campaign = _calls.Grains.GetGrain<ICampaignGrain>(name);
        CampaignStatus status = await _calls.CallAsync(campaign.GetStatus, $"reading campaign '{name}'", cancellationToken);
        if (!status.Cancelled && status.PointsDone + status.PointsFailed == status.Points)
        {
            return CancelOutcome.AlreadyFinished;
        }

        await _calls.CallAsync(async () => { await campaign.Cancel(); return true; }, $"cancelling '{name}'", cancellationToken);
        return CancelOutcome.Cancelled;
    }

    public async Task<CampaignDeletion> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await SpecAsync(name, cancellationToken);
        var campaign = _calls.Grains.GetGrain<ICampaignGrain>(name);
        return await _calls.CallAsync(campaign.Delete, $"deleting '{name}'", cancellationToken);
    }

    public ValueTask DisposeAsync() => _calls.DisposeAsync();

    private async Task<string> SpecAsync(string name, CancellationToken cancellationToken)
    {
        var campaign = _calls.Grains.GetGrain<ICampaignGrain>(name);
        string? spec = await _calls.CallAsync(campaign.GetSpec, $"reading campaign '{name}'", cancellationToken);
        if (spec is null)
        {
            IReadOnlyList<string> known = await CampaignNamesAsync(cancellationToken);
            throw new UsageException($"no campaign '{name}' in {Description} (known: {string.Join(", ", known.DefaultIfEmpty("none"))})");
        }

        return spec;
    }

    // Point by point rather than through the campaign grain: one message per point instead of
    // one holding every curve, and a silo dying costs one retried point, not the whole read.
    private async Task<T[]> PerPointAsync<T>(CampaignStatus status, Func<IGridPointGrain, Task<T>> read, string what, CancellationToken cancellationToken)
    {
        var values = new T[status.PointSummaries.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, values.Length),
            new ParallelOptions { MaxDegreeOfParallelism = PointCallsInFlight, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                PointKey key = status.PointSummaries[i].Key;
                var point = _calls.Grains.GetGrain<IGridPointGrain>(key.GrainKey);
                values[i] = await _calls.CallAsync(() => read(point), $"reading the {what} of point {key.GrainKey}", ct);
            });
        return values;
    }
}
