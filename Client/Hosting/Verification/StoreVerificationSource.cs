using Sweep.Client.Hosting.Local;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Reading;

namespace Sweep.Client.Hosting.Verification;

/// <summary>
/// Verification of a data directory that no run holds: every check reads the SQLite file
/// directly, read-only, and changes nothing; a repair starts a short-lived silo on the store
/// (under the directory's lock, like cancel and delete) and goes through the grains.
/// </summary>
internal sealed class StoreVerificationSource : IVerificationSource
{
    private readonly DataDirectory _data;
    private GrainVerificationSource? _silo;

    public StoreVerificationSource(DataDirectory data) => _data = data;

    public string Description => _data.Path;

    public IReadOnlyList<string>? IntegrityProblems()
    {
        using CampaignStoreReader store = CampaignStoreReader.Open(_data.DatabasePath);
        return store.IntegrityProblems();
    }

    public async Task<CampaignStoreCheck?> CheckAsync(string name, CancellationToken cancellationToken)
    {
        if (_silo is not null)
        {
            return await _silo.CheckAsync(name, cancellationToken);
        }

        using CampaignStoreReader store = CampaignStoreReader.Open(_data.DatabasePath);
        return store.Check(name);
    }

    public async Task<StoredPointCheck> CheckPointAsync(PointKey key, CancellationToken cancellationToken)
        => await (await SiloAsync(cancellationToken)).CheckPointAsync(key, cancellationToken);

    public Task<BatchResult?> ReadBatchAsync(BatchId id, CancellationToken cancellationToken)
    {
        using CampaignStoreReader store = CampaignStoreReader.Open(_data.DatabasePath);
        return Task.FromResult(store.ReadBatch(id));
    }

    public async Task<bool> StoreRecomputedAsync(BatchResult result, CancellationToken cancellationToken)
        => await (await SiloAsync(cancellationToken)).StoreRecomputedAsync(result, cancellationToken);

    public async Task RewritePointAsync(PointKey key, CancellationToken cancellationToken)
        => await (await SiloAsync(cancellationToken)).RewritePointAsync(key, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    private async Task<GrainVerificationSource> SiloAsync(CancellationToken cancellationToken)
        => _silo ??= new GrainVerificationSource(await LocalCluster.StartAsync(_data, slots: 1, cancellationToken, record: false), _data);
}
