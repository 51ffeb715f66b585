using Orleans.Storage;
using Sweep.Grains.Storage;

namespace Sweep.Grains.Tests.Storage;

public sealed class SqliteStateReaderTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Lists_live_rows_with_payload_and_filters_by_grain_id_prefix()
    {
        var storage = StorageFactory.Create(_store.DatabasePath);
        var cleared = new GrainState<ProbeState>(new ProbeState { Value = 3 });
        await storage.WriteStateAsync("probe", GrainId.Create("sim", "1"), new GrainState<ProbeState>(new ProbeState { Value = 1 }));
        await storage.WriteStateAsync("probe", GrainId.Create("sim", "2"), new GrainState<ProbeState>(new ProbeState { Value = 2 }));
        await storage.WriteStateAsync("probe", GrainId.Create("simulator", "x"), cleared);
        await storage.WriteStateAsync("probe", GrainId.Create("sweep", "s"), new GrainState<ProbeState>(new ProbeState { Value = 4 }));
        await storage.ClearStateAsync("probe", GrainId.Create("simulator", "x"), cleared);

        using var reader = SqliteStateReader.Open(_store.DatabasePath);
        var all = reader.ReadAll();
        var sims = reader.ReadByGrainIdPrefix("sim/");

        Assert.Equal(["sim/1", "sim/2", "sweep/s"], all.Select(r => r.GrainId));
        Assert.Equal(["sim/1", "sim/2"], sims.Select(r => r.GrainId));
        var row = sims[1];
        Assert.Equal("probe", row.StateName);
        Assert.Equal("1", row.ETag);
        Assert.True(row.ModifiedUtc >= row.CreatedUtc);
        Assert.True(DateTimeOffset.UtcNow - row.ModifiedUtc < TimeSpan.FromMinutes(5));
        Assert.Equal(2, StorageFactory.Serializer.Deserialize<ProbeState>(row.Payload)!.Value);
    }

    [Fact]
    public async Task Reads_while_a_provider_keeps_writing()
    {
        var storage = StorageFactory.Create(_store.DatabasePath);
        var grain = GrainId.Create("sim", "busy");
        var state = new GrainState<ProbeState>(new ProbeState());
        await storage.WriteStateAsync("probe", grain, state);

        using var reader = SqliteStateReader.Open(_store.DatabasePath);
        var writer = Task.Run(async () =>
        {
            for (var i = 1; i <= 30; i++)
            {
                state.State!.Value = i;
                await storage.WriteStateAsync("probe", grain, state);
            }
        });

        var lastSeen = 0;
        while (!writer.IsCompleted)
        {
            var row = Assert.Single(reader.ReadByGrainIdPrefix("sim/"));
            var value = StorageFactory.Serializer.Deserialize<ProbeState>(row.Payload)!.Value;
            Assert.True(value >= lastSeen, "a reader must never see an older state after a newer one");
            lastSeen = value;
        }

        await writer;
        var final = Assert.Single(reader.ReadAll());
        Assert.Equal(30, StorageFactory.Serializer.Deserialize<ProbeState>(final.Payload)!.Value);
    }

    [Fact]
    public void Opening_a_missing_file_fails_without_creating_it()
    {
        Assert.Throws<FileNotFoundException>(() => SqliteStateReader.Open(_store.DatabasePath));
        Assert.False(File.Exists(_store.DatabasePath));
    }

    [Fact]
    public async Task Rejects_a_newer_schema_version()
    {
        await StorageFactory.Create(_store.DatabasePath).EnsureInitializedAsync(CancellationToken.None);
        _store.Scalar("UPDATE meta SET value = '4' WHERE key = 'schema_version';");

        var ex = Assert.Throws<SqliteStorageSchemaException>(() => SqliteStateReader.Open(_store.DatabasePath));
        Assert.Contains("schema version 4", ex.Message, StringComparison.Ordinal);
    }
}
