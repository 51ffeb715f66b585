using Sweep.Client.Cli;
using Sweep.Client.Reports;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Reading;

namespace Sweep.Client.Hosting.Local;

/// <summary>
/// The campaigns of a data directory that no run holds. Reads open the store read-only and
/// build the same records the grains return (<see cref="CampaignStoreReader"/>); cancel and
/// delete start a short-lived silo on the store, under the directory's lock, and go through
/// the campaign grain as everywhere else.
/// </summary>
internal sealed class StoreCampaignTarget : ICampaignTarget
{
    private readonly DataDirectory _data;

    /// <summary>Fails with a usage error when the directory has no store yet.</summary>
    public StoreCampaignTarget(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _data = data;
        Open().Dispose();
    }

    public string Description => _data.Path;

    public Task<IReadOnlyList<string>> CampaignNamesAsync(CancellationToken cancellationToken)
    {
        using CampaignStoreReader store = Open();
        return Task.FromResult(store.CampaignNames());
    }

    public Task<CampaignReadout> ReadAsync(string name, bool withResults, CancellationToken cancellationToken)
    {
        StoredCampaign c = Load(name);
        return Task.FromResult(new CampaignReadout(c.Name, c.SpecJson, c.Status, c.Table, withResults ? c.Results : null));
    }

    public Task<CampaignStatus> ReadStatusAsync(string name, CancellationToken cancellationToken)
        => Task.FromResult(Load(name).Status);

    public Task<ReportSource> ReadReportAsync(string name, CancellationToken cancellationToken)
    {
        StoredCampaign c = Load(name);
        var readout = new CampaignReadout(c.Name, c.SpecJson, c.Status, c.Table, c.Results);
        return Task.FromResult(ReportSource.From(readout, c.Settings, c.Snapshots));
    }

    public Task<(PointResult? Result, PointSettingsData? Settings)> ReadPointAsync(string name, PointKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        StoredCampaign c = Load(name);
        PointResult? result = c.Results.FirstOrDefault(r => r.Key.GrainKey == key.GrainKey);
        return Task.FromResult((result, c.Settings));
    }

    // No run holds the directory, so no slot computes anything.
    public Task<ComputeLoad> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(ComputeLoad.NotRunning);

    public async Task<CancelOutcome> CancelAsync(string name, CancellationToken cancellationToken)
    {
        Load(name);
        await using GrainCampaignTarget grains = await StartSiloAsync(cancellationToken);
        return await grains.CancelAsync(name, cancellationToken);
    }

    public async Task<CampaignDeletion> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        StoredCampaign campaign = Load(name);
        await using GrainCampaignTarget grains = await StartSiloAsync(cancellationToken);

        // No run computes it, whatever its state says: stop its points from being resumed
        // (nothing is in flight) so that the campaign grain agrees to erase it.
        if (!campaign.Status.Cancelled && campaign.Status.PointsDone + campaign.Status.PointsFailed < campaign.Status.Points)
        {
            await grains.CancelAsync(name, cancellationToken);
        }

        return await grains.DeleteAsync(name, cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<GrainCampaignTarget> StartSiloAsync(CancellationToken cancellationToken)
        => new(await LocalCluster.StartAsync(_data, slots: 1, cancellationToken, record: false));

    private CampaignStoreReader Open()
    {
        if (!_data.HasStore)
        {
            throw new UsageException($"no store in {_data.Path} (nothing has run there yet; use --data or {DataDirectory.EnvironmentVariable} to point at another directory)");
        }

        _data.CheckStoreNotTruncated();
        return CampaignStoreReader.Open(_data.DatabasePath);
    }

    private StoredCampaign Load(string name)
    {
        using CampaignStoreReader store = Open();
        return store.Read(name)
            ?? throw new UsageException($"no campaign '{name}' in {_data.Path} (stored: {string.Join(", ", store.CampaignNames().DefaultIfEmpty("none"))})");
    }
}
