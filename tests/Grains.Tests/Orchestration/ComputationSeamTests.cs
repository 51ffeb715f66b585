using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Sweep.Grains.Compute;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Tests.Storage;

namespace Sweep.Grains.Tests.Orchestration;

[Collection(OrchestrationCollection.Name)]
public sealed class ComputationSeamTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_silo_computes_with_the_physics_unless_told_otherwise()
    {
        await using var cluster = await SweepCluster.StartAsync(_store.DatabasePath, 1);
        Assert.IsType<PhysicsBatchComputation>(cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<IBatchComputation>());
    }

    [Fact]
    public async Task A_registered_computation_runs_every_batch_in_place_of_the_physics()
    {
        string spec = Specs.Spec("seam", 2, Specs.Block(1, [2.0], [0.01], [8], 12, "mag", "pur")).ToJsonString();
        StraightRun expected = StraightRun.Of(spec);
        var counting = new CountingComputation();

        await using var cluster = await SweepCluster.StartAsync(_store.DatabasePath, 2, silo => silo.Services.AddSingleton<IBatchComputation>(counting));
        await cluster.SubmitAsync(spec);
        await cluster.WaitUntilFinishedAsync("seam");

        // Every computed batch went through the registered computation, once.
        Assert.Equal(6, counting.Batches.Count);
        Assert.Equal(cluster.BatchesComputed, counting.Batches.Count);
        Assert.All(counting.Batches.Values, calls => Assert.Equal(1, calls));
        BitAssert.Results(expected, await cluster.Campaign("seam").GetResults());
    }

    // Counts, then computes the real batch, so the campaign's bits can be checked too.
    private sealed class CountingComputation : IBatchComputation
    {
        public ConcurrentDictionary<string, int> Batches { get; } = new(StringComparer.Ordinal);

        public BatchResult Run(BatchWork work, CancellationToken cancellationToken)
        {
            Batches.AddOrUpdate(work.Id.GrainKey, 1, (_, n) => n + 1);
            return BatchComputation.Run(work, cancellationToken);
        }
    }
}
