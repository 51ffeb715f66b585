using Orleans.Storage;
using Sweep.Grains.Storage;

namespace Sweep.Grains.Tests.Storage;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private const string StateName = "probe";
    private static readonly GrainId Grain = GrainId.Create("probe", "a");

    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Write_then_read_round_trips_state_and_etag()
    {
        var storage = StorageFactory.Create(_store.DatabasePath);
        var written = NewState(7, "seven");

        await storage.WriteStateAsync(StateName, Grain, written);
        var read = new GrainState<ProbeState>();
        await storage.ReadStateAsync(StateName, Grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(7, read.State!.Value);
        Assert.Equal("seven", read.State.Label);
        Assert.NotNull(read.ETag);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task Reading_a_missing_state_gives_a_fresh_instance_without_etag()
    {
        var storage = StorageFactory.Create(_store.DatabasePath);
        var read = new GrainState<ProbeState>();

        await storage.ReadStateAsync(StateName, Grain, read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.NotNull(read.State);
        Assert.Equal(0, read.State.Value);
    }

    [Fact]
    public async Task Write_with_stale_etag_throws_with_stored_and_caller_etags()
    {
        var storage = StorageFactory.Create(_store.DatabasePath);
        var state = NewState(1);
        await storage.WriteStateAsync(StateName, Grain, state);
        var staleEtag = state.ETag;
        await storage.WriteStateAsync(StateName, Grain, state);

        var stale = NewState(99);
        stale.ETag = staleEtag;
        var ex = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(StateName, Grain, stale));

        Assert.Equal(state.ETag, ex.StoredEtag);
        Assert.Equal(staleEtag, ex.CurrentEtag);
        Assert.Equal(1, await ReadValueAsync(storage));
    }

    [Fact]
    public async Task First_write_without_etag_fails_when_a_record_exists()
    {
        var storage = StorageFactory.Create(_store.DatabasePath);
        await storage.WriteStateAsync(StateName, Grain, NewState(1));

        var ex = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(StateName, Grain, NewState(2)));

        Assert.NotNull(ex.StoredEtag);
        Assert.Null(ex.CurrentEtag);
    }

    [Fact]
    public async Task Clear_then_read_reports_no_record()
    {
        var storage = StorageFactory.Create(_store.DatabasePath);
        var state = NewState(5);
        await storage.WriteStateAsync(StateName, Grain, state);

        await storage.ClearStateAsync(StateName, Grain, state);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(0, state.State!.Value);

        var read = new GrainState<ProbeState>();
        await storage.ReadStateAsync(StateName, Grain, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task Clear_with_stale_etag_throws_and_keeps_the_record()
    {
        var storage = StorageFactory.Create(_store.DatabasePath);
        var state = NewState(5);
        await storage.WriteStateAsync(StateName, Grain, state);
        var staleEtag = state.ETag;
        await storage.WriteStateAsync(StateName, Grain, state);

        var stale = NewState(0);
        stale.ETag = staleEtag;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, Grain, stale));

        Assert.Equal(5, await ReadValueAsync(storage));
    }

    [Fact]
    public async Task Etag_from_before_a_clear_never_matches_the_recreated_record()
    {
        var storage = StorageFactory.Create(_store.DatabasePath);
        var first = NewState(1);
        await storage.WriteStateAsync(StateName, Grain, first);
        var etagBeforeClear = first.ETag;
        await storage.ClearStateAsync(StateName, Grain, first);

        // After a clear a null etag creates the record again, as a first write does.
        var recreated = NewState(2);
        await storage.WriteStateAsync(StateName, Grain, recreated);
        Assert.NotEqual(etagBeforeClear, recreated.ETag);

        var stale = NewState(3);
        stale.ETag = etagBeforeClear;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grain, stale));
        Assert.Equal(2, await ReadValueAsync(storage));
    }

    [Fact]
    public async Task States_are_keyed_by_state_name_and_grain_id()
    {
        var storage = StorageFactory.Create(_store.DatabasePath);
        var other = GrainId.Create("probe", "b");
        await storage.WriteStateAsync(StateName, Grain, NewState(1));
        await storage.WriteStateAsync("other", Grain, NewState(2));
        await storage.WriteStateAsync(StateName, other, NewState(3));

        Assert.Equal(1, await ReadValueAsync(storage));
        var read = new GrainState<ProbeState>();
        await storage.ReadStateAsync("other", Grain, read);
        Assert.Equal(2, read.State!.Value);
        await storage.ReadStateAsync(StateName, other, read);
        Assert.Equal(3, read.State.Value);
    }

    [Fact]
    public async Task Two_providers_on_one_file_see_each_others_writes()
    {
        var first = StorageFactory.Create(_store.DatabasePath, "first");
        var second = StorageFactory.Create(_store.DatabasePath, "second");

        var state = NewState(10);
        await first.WriteStateAsync(StateName, Grain, state);
        Assert.Equal(10, await ReadValueAsync(second));

        var viaSecond = new GrainState<ProbeState>();
        await second.ReadStateAsync(StateName, Grain, viaSecond);
        viaSecond.State!.Value = 11;
        await second.WriteStateAsync(StateName, Grain, viaSecond);
        Assert.Equal(11, await ReadValueAsync(first));

        // The first provider's copy is now stale: its etag must be refused.
        state.State!.Value = 12;
        await Assert.ThrowsAsync<InconsistentStateException>(() => first.WriteStateAsync(StateName, Grain, state));
    }

    [Fact]
    public async Task Schema_version_is_recorded_and_journal_is_wal()
    {
        await StorageFactory.Create(_store.DatabasePath).EnsureInitializedAsync(CancellationToken.None);

        Assert.Equal("3", _store.Scalar("SELECT value FROM meta WHERE key = 'schema_version';"));
        Assert.Equal("wal", _store.Scalar("PRAGMA journal_mode;"));
        Assert.Equal(65536L, _store.Scalar("PRAGMA page_size;"));
        Assert.DoesNotContain("WITHOUT ROWID", (string)_store.Scalar("SELECT sql FROM sqlite_master WHERE name = 'grain_state';")!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_version_1_store_is_rebuilt_in_the_current_layout_keeping_every_state_and_etag()
    {
        // A state written by this build, then the file taken back to the version-1 layout (a
        // WITHOUT ROWID table) row for row, as a store of the previous release would be.
        var old = StorageFactory.Create(_store.DatabasePath);
        var written = NewState(21, "kept");
        await old.WriteStateAsync(StateName, Grain, written);
        var cleared = NewState(5);
        await old.WriteStateAsync(StateName, GrainId.Create("probe", "cleared"), cleared);
        await old.ClearStateAsync(StateName, GrainId.Create("probe", "cleared"), cleared);
        using (var raw = _store.OpenRaw())
        using (var downgrade = raw.CreateCommand())
        {
            downgrade.CommandText =
                """
                CREATE TABLE v1 (state_name TEXT NOT NULL, grain_id TEXT NOT NULL, version INTEGER NOT NULL, payload BLOB,
                                 created_utc TEXT NOT NULL, modified_utc TEXT NOT NULL, PRIMARY KEY (state_name, grain_id)) WITHOUT ROWID;
                INSERT INTO v1 SELECT state_name, grain_id, version, payload, created_utc, modified_utc FROM grain_state;
                DROP TABLE grain_state;
                ALTER TABLE v1 RENAME TO grain_state;
                UPDATE meta SET value = '1' WHERE key = 'schema_version';
                """;
            downgrade.ExecuteNonQuery();
        }

        var upgraded = StorageFactory.Create(_store.DatabasePath);
        var read = new GrainState<ProbeState>();
        await upgraded.ReadStateAsync(StateName, Grain, read);

        Assert.Equal("3", _store.Scalar("SELECT value FROM meta WHERE key = 'schema_version';"));
        Assert.DoesNotContain("WITHOUT ROWID", (string)_store.Scalar("SELECT sql FROM sqlite_master WHERE name = 'grain_state';")!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((21, "kept", written.ETag), (read.State!.Value, read.State.Label, read.ETag));
        // The tombstone moved too: its version keeps counting, so the etag before the clear stays refused.
        Assert.Equal(2L, _store.Scalar("SELECT version FROM grain_state WHERE grain_id LIKE '%cleared%';"));
        var stale = NewState(6);
        stale.ETag = "1";
        await Assert.ThrowsAsync<InconsistentStateException>(() => upgraded.WriteStateAsync(StateName, GrainId.Create("probe", "cleared"), stale));
    }

    [Fact]
    public async Task A_newer_schema_version_is_rejected_with_a_clear_message()
    {
        await StorageFactory.Create(_store.DatabasePath).EnsureInitializedAsync(CancellationToken.None);
        _store.Scalar("UPDATE meta SET value = '4' WHERE key = 'schema_version';");

        var fresh = StorageFactory.Create(_store.DatabasePath);
        var ex = await Assert.ThrowsAsync<SqliteStorageSchemaException>(
            () => fresh.ReadStateAsync(StateName, Grain, new GrainState<ProbeState>()));

        Assert.Contains("schema version 4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("newer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_directories_are_created()
    {
        var nested = Path.Combine(_store.Directory, "run", "deep", "state.db");
        var storage = StorageFactory.Create(nested);

        await storage.WriteStateAsync(StateName, Grain, NewState(4));

        Assert.True(File.Exists(nested));
    }

    [Fact]
    public async Task Writes_queued_behind_a_locked_file_all_land_and_a_conflicting_one_fails_alone()
    {
        var storage = StorageFactory.Create(_store.DatabasePath);
        await storage.WriteStateAsync(StateName, Grain, NewState(1));

        // Another connection holds the write lock, so the writes below pile up in the queue and
        // are committed in shared transactions once it is released.
        Task[] writes;
        Task conflicting;
        using (var holder = _store.OpenRaw())
        {
            using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                begin.ExecuteNonQuery();
            }

            writes = Enumerable.Range(0, 200)
                .Select(i => storage.WriteStateAsync(StateName, GrainId.Create("probe", $"g{i}"), NewState(i)))
                .ToArray();
            conflicting = storage.WriteStateAsync(StateName, Grain, NewState(2));
            await Task.Delay(200);
            Assert.DoesNotContain(writes, w => w.IsCompleted);

            using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<InconsistentStateException>(() => conflicting);
        Assert.Equal(1, await ReadValueAsync(storage));
        for (var i = 0; i < 200; i++)
        {
            var read = new GrainState<ProbeState>();
            await storage.ReadStateAsync(StateName, GrainId.Create("probe", $"g{i}"), read);
            Assert.Equal(i, read.State!.Value);
            Assert.Equal("1", read.ETag);
        }
    }

    [Fact]
    public async Task Of_concurrent_first_writes_to_one_state_exactly_one_is_stored()
    {
        var storage = StorageFactory.Create(_store.DatabasePath);

        var attempts = Enumerable.Range(1, 20)
            .Select(async i =>
            {
                try
                {
                    await storage.WriteStateAsync(StateName, Grain, NewState(i));
                    return i;
                }
                catch (InconsistentStateException)
                {
                    return 0;
                }
            })
            .ToArray();
        int[] winners = (await Task.WhenAll(attempts)).Where(i => i != 0).ToArray();

        int winner = Assert.Single(winners);
        Assert.Equal(winner, await ReadValueAsync(storage));
    }

    private static GrainState<ProbeState> NewState(int value, string? label = null) =>
        new(new ProbeState { Value = value, Label = label });

    private static async Task<int> ReadValueAsync(IGrainStorage storage)
    {
        var read = new GrainState<ProbeState>();
        await storage.ReadStateAsync(StateName, Grain, read);
        Assert.True(read.RecordExists);
        return read.State!.Value;
    }
}
