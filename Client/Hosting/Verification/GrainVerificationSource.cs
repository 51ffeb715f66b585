using Sweep.Client.Hosting.Local;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Reading;
using Sweep.Grains.Storage.Payloads;

namespace Sweep.Client.Hosting.Verification;

/// <summary>
/// Verification through the grains (a cluster, a live local run, or a short-lived silo on a
/// stopped store): the campaign and point grains read their stored bytes back and check them.
/// </summary>
internal sealed class GrainVerificationSource : IVerificationSource
{
    private const int PointCallsInFlight = 4;

    private readonly ICampaignCalls _calls;
    private readonly DataDirectory? _file;

    /// <param name="file">The data directory of a live local run, whose SQLite file gets its integrity check; null for a cluster.</param>
    public GrainVerificationSource(ICampaignCalls calls, DataDirectory? file)
    {
        _calls = calls;
        _file = file;
    }

    public string Description => _calls.Description;

    public IReadOnlyList<string>? IntegrityProblems()
    {
        if (_file is null)
        {
            return null;
        }

        using CampaignStoreReader store = CampaignStoreReader.Open(_file.DatabasePath);
        return store.IntegrityProblems();
    }

    public async Task<CampaignStoreCheck?> CheckAsync(string name, CancellationToken cancellationToken)
    {
        var campaign = _calls.Grains.GetGrain<ICampaignGrain>(name);
        string what = $"verifying campaign '{name}'";
        string? damage;
        CampaignStatus status;
        try
        {
            if (await _calls.CallAsync(campaign.GetSpec, what, cancellationToken) is null)
            {
                return null;
            }

            damage = await _calls.CallAsync(campaign.CheckStored, what, cancellationToken);
            status = await _calls.CallAsync(campaign.GetStatus, what, cancellationToken);
        }
        catch (Exception e) when (Corruption(e) is { } corrupt)
        {
            // The grain cannot even start on its stored record.
            return new CampaignStoreCheck(corrupt, []);
        }

        var points = new StoredPointCheck[status.PointSummaries.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, points.Length),
            new ParallelOptions { MaxDegreeOfParallelism = PointCallsInFlight, CancellationToken = cancellationToken },
            async (i, ct) => points[i] = await CheckPointAsync(status.PointSummaries[i].Key, ct));
        return new CampaignStoreCheck(damage, points);
    }

    public Task<StoredPointCheck> CheckPointAsync(PointKey key, CancellationToken cancellationToken)
    {
        var point = _calls.Grains.GetGrain<IGridPointGrain>(key.GrainKey);
        return _calls.CallAsync(point.CheckStored, $"verifying point {key.GrainKey}", cancellationToken);
    }

    public Task<BatchResult?> ReadBatchAsync(BatchId id, CancellationToken cancellationToken)
    {
        var point = _calls.Grains.GetGrain<IGridPointGrain>(id.Point.GrainKey);
        return _calls.CallAsync(() => point.ReadStoredBatch(id), $"reading batch {id.GrainKey}", cancellationToken);
    }

    public Task<bool> StoreRecomputedAsync(BatchResult result, CancellationToken cancellationToken)
    {
        var point = _calls.Grains.GetGrain<IGridPointGrain>(result.Id.Point.GrainKey);
        return _calls.CallAsync(() => point.StoreRecomputedBatch(result), $"storing batch {result.Id.GrainKey}", cancellationToken);
    }

    public Task RewritePointAsync(PointKey key, CancellationToken cancellationToken)
    {
        var point = _calls.Grains.GetGrain<IGridPointGrain>(key.GrainKey);
        return _calls.CallAsync(async () => { await point.RewriteStoredState(); return true; }, $"rewriting point {key.GrainKey}", cancellationToken);
    }

    public ValueTask DisposeAsync() => _calls.DisposeAsync();

    // Orleans hands the grain's exception over whole, or (type unknown) by name and message only.
    private static string? Corruption(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is StoredPayloadCorruptException corrupt)
            {
                return corrupt.Message;
            }

            if (e.GetType().Name == "UnavailableExceptionFallbackException" && e.ToString().Contains(nameof(StoredPayloadCorruptException), StringComparison.Ordinal))
            {
                return e.Message;
            }
        }

        return null;
    }
}
