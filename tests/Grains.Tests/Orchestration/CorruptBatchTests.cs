using Sweep.Grains.Interfaces;
using Sweep.Grains.Tests.Storage;

namespace Sweep.Grains.Tests.Orchestration;

[Collection(OrchestrationCollection.Name)]
public sealed class CorruptBatchTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_stored_batch_that_fails_its_checksum_is_never_merged_but_computed_again_with_the_same_bits()
    {
        string source = Specs.Spec("corrupt-source", 4, Specs.Block(1, [2.0], [0.01], [8], 8, "mag", "pur")).ToJsonString();
        string target = Specs.Spec("corrupt-target", 4, Specs.Block(1, [2.0], [0.01], [8], 8, "mag", "pur")).ToJsonString();
        StraightRun expected = StraightRun.Of(target);
        await using var cluster = await SweepCluster.StartAsync(_store.DatabasePath, 1);
        await cluster.SubmitAsync(source);
        await cluster.WaitUntilFinishedAsync("corrupt-source");
        PointKey sourceKey = Assert.Single(await cluster.Campaign("corrupt-source").GetResults()).Key;

        // The target's first batch is stored before the target runs (the same sums: seeds do not
        // depend on the campaign name), then one bit of its sums flips on disk.
        var damaged = new BatchId(sourceKey with { Campaign = "corrupt-target" }, 0, 4);
        BatchResult copy = (await cluster.Batches.ReadAsync(new BatchId(sourceKey, 0, 4)))! with { Id = damaged };
        Assert.True(await cluster.Batches.TryInsertAsync(copy));
        _store.FlipBit("batch", 100, "realizationbatch/" + damaged.GrainKey);
        await Assert.ThrowsAsync<Sweep.Grains.Storage.Payloads.StoredPayloadCorruptException>(() => cluster.Batches.ReadAsync(damaged));

        await cluster.SubmitAsync(target);
        CampaignStatus status = await cluster.WaitUntilFinishedAsync("corrupt-target");

        Assert.Equal(0, status.PointsFailed);
        BitAssert.Results(expected, await cluster.Campaign("corrupt-target").GetResults());
        BatchResult? replaced = await cluster.Batches.ReadAsync(damaged);
        Assert.NotNull(replaced);
        Assert.Null(Sweep.Grains.Batches.BatchBits.Difference(copy, replaced));
    }
}
