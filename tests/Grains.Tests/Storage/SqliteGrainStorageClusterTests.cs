using Orleans.TestingHost;
using Sweep.Grains.Storage;

namespace Sweep.Grains.Tests.Storage;

public sealed class SqliteGrainStorageClusterTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task State_survives_deactivation_and_a_cluster_restart()
    {
        await using (var cluster = await StartClusterAsync())
        {
            var grain = cluster.Client.GetGrain<IStorageProbeGrain>("p1");
            await grain.SetAsync(42, 7);
            await cluster.DeactivateAsync(grain);

            Assert.Equal((42, 7), await grain.GetAsync());
            await cluster.StopAllSilosAsync();
        }

        using (var reader = SqliteStateReader.Open(_store.DatabasePath))
        {
            var rows = reader.ReadAll();
            Assert.Contains(rows, r => r.StateName == "probe" && r.GrainId.EndsWith("/p1", StringComparison.Ordinal));
            Assert.Contains(rows, r => r.StateName == "probe-default" && r.GrainId.EndsWith("/p1", StringComparison.Ordinal));
        }

        await using (var cluster = await StartClusterAsync())
        {
            var grain = cluster.Client.GetGrain<IStorageProbeGrain>("p1");
            Assert.Equal((42, 7), await grain.GetAsync());

            await grain.ClearNamedAsync();
            Assert.False(await grain.NamedRecordExistsAsync());
            await cluster.DeactivateAsync(grain);
            Assert.Equal((0, 7), await grain.GetAsync());
            Assert.False(await grain.NamedRecordExistsAsync());
            await cluster.StopAllSilosAsync();
        }
    }

    [Fact]
    public async Task Silo_start_fails_on_a_store_with_a_newer_schema()
    {
        await StorageFactory.Create(_store.DatabasePath).EnsureInitializedAsync(CancellationToken.None);
        _store.Scalar("UPDATE meta SET value = '4' WHERE key = 'schema_version';");

        // The provider joins the silo lifecycle, so the bad file stops startup rather than a later activation.
        var ex = await Assert.ThrowsAnyAsync<Exception>(StartClusterAsync);

        Assert.Contains(Flatten(ex), e => e is SqliteStorageSchemaException);
    }

    private static IEnumerable<Exception> Flatten(Exception ex)
    {
        yield return ex;
        IEnumerable<Exception> inner = ex is AggregateException aggregate
            ? aggregate.InnerExceptions
            : ex.InnerException is { } single ? [single] : [];
        foreach (var child in inner.SelectMany(Flatten))
        {
            yield return child;
        }
    }

    private async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        var path = _store.DatabasePath;
        builder.ConfigureSilo((_, silo) => silo
            .AddSqliteGrainStorage(StorageProbeGrain.ProviderName, options => options.DatabasePath = path)
            .AddSqliteGrainStorageAsDefault(options => options.DatabasePath = path));
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            // A silo that failed to start must not keep its ports and threads for the rest of the run.
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }
}
