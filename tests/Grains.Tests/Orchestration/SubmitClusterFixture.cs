using Sweep.Grains.Tests.Storage;

namespace Sweep.Grains.Tests.Orchestration;

/// <summary>One two-silo cluster shared by the cases of a theory about what Submit accepts.</summary>
public sealed class SubmitClusterFixture : IAsyncLifetime
{
    private readonly TempStore _store = new();

    public SweepCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await SweepCluster.StartAsync(_store.DatabasePath, 2);

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _store.Dispose();
    }
}
