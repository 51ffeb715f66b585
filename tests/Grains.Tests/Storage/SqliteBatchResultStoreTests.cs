using Orleans.Storage;
using Sweep.Grains.Batches;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Storage;
using Sweep.Grains.Storage.Payloads;

namespace Sweep.Grains.Tests.Storage;

public sealed class SqliteBatchResultStoreTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    private SqliteBatchResultStore Open() => new(StorageFactory.Create(_store.DatabasePath), StorageFactory.BatchCodec);

    // Two different results of one batch id: real sums from the fixture, the second under the first's id.
    private static (BatchResult First, BatchResult Second) TwoResults()
    {
        IReadOnlyList<StoredStateRow> rows = FixtureRows.Batches();
        BatchResult first = StorageFactory.BatchCodec.Decode(rows[0].Payload, "k")!;
        BatchResult other = StorageFactory.BatchCodec.Decode(rows[1].Payload, "k")!;
        return (first, other with { Id = first.Id });
    }

    [Fact]
    public async Task The_first_insert_wins_and_later_ones_leave_it_alone()
    {
        var (first, second) = TwoResults();
        SqliteBatchResultStore store = Open();

        Assert.Null(await store.ReadAsync(first.Id));
        Assert.True(await store.TryInsertAsync(first));
        Assert.False(await store.TryInsertAsync(second));
        Assert.False(await store.TryInsertAsync(first));

        BatchResult? stored = await store.ReadAsync(first.Id);
        Assert.NotNull(stored);
        Assert.Equal(first.Sums.Mag, stored.Sums.Mag);
        Assert.Equal(1L, _store.Scalar("SELECT count(*) FROM grain_state WHERE state_name = 'batch'"));
    }

    [Fact]
    public async Task An_erased_result_is_gone_and_the_batch_can_be_stored_again()
    {
        var (first, second) = TwoResults();
        SqliteBatchResultStore store = Open();
        await store.TryInsertAsync(first);

        Assert.True(await store.EraseAsync(first.Id));
        Assert.Null(await store.ReadAsync(first.Id));
        Assert.False(await store.EraseAsync(first.Id));
        Assert.True(await store.TryInsertAsync(second));
        Assert.Equal(second.Sums.Mag, (await store.ReadAsync(first.Id))!.Sums.Mag);
    }

    [Fact]
    public async Task A_tombstone_left_by_the_grain_storage_provider_counts_as_absent()
    {
        var (first, _) = TwoResults();
        SqliteGrainStorage provider = StorageFactory.Create(_store.DatabasePath);
        GrainId grain = GrainId.Parse(BatchKeys.Of(first.Id));
        var state = new GrainState<BatchState>(new BatchState { Result = first });
        await provider.WriteStateAsync(BatchKeys.StateName, grain, state);
        await provider.ClearStateAsync(BatchKeys.StateName, grain, state);
        var store = new SqliteBatchResultStore(provider, StorageFactory.BatchCodec);

        Assert.Null(await store.ReadAsync(first.Id));
        Assert.True(await store.TryInsertAsync(first));
        Assert.NotNull(await store.ReadAsync(first.Id));
    }

    [Fact]
    public async Task A_result_written_by_the_batch_grain_of_older_builds_is_read_in_place()
    {
        var (first, second) = TwoResults();
        // The old path: the batch grain's state, bare Orleans binary, through the provider.
        var bare = new SqliteGrainStorage(
            "old",
            new SqliteGrainStorageOptions { DatabasePath = _store.DatabasePath, GrainStorageSerializer = StorageFactory.BareSerializer },
            StorageFactory.Activators,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteGrainStorage>.Instance);
        await bare.WriteStateAsync(BatchKeys.StateName, GrainId.Parse(BatchKeys.Of(first.Id)), new GrainState<BatchState>(new BatchState { Result = first }));
        SqliteBatchResultStore store = Open();

        Assert.Equal(first.Sums.Mag, (await store.ReadAsync(first.Id))!.Sums.Mag);
        Assert.False(await store.TryInsertAsync(second));
    }

    [Fact]
    public async Task A_damaged_row_is_reported_as_corrupt_naming_the_batch()
    {
        var (first, _) = TwoResults();
        SqliteBatchResultStore store = Open();
        await store.TryInsertAsync(first);
        // One bit of one Int128 sum, near the end of the row.
        _store.FlipBit("batch", 8);

        var e = await Assert.ThrowsAsync<StoredPayloadCorruptException>(() => store.ReadAsync(first.Id));
        Assert.Contains(first.Id.GrainKey, e.Message, StringComparison.Ordinal);
    }
}
