using Sweep.Grains.Batches;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Tests.Storage;

namespace Sweep.Grains.Tests.Orchestration;

[Collection(OrchestrationCollection.Name)]
public sealed class DuplicateReportTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_batch_reported_twice_is_counted_once()
    {
        string source = Specs.Spec("dup-source", 2, Specs.Block(1, [2.0], [0.01], [8], 12, "mag", "pur")).ToJsonString();
        string target = Specs.Spec("dup-target", 2, Specs.Block(1, [2.0], [0.01], [8], 12, "mag", "pur")).ToJsonString();
        StraightRun expected = StraightRun.Of(target);

        await using var cluster = await SweepCluster.StartAsync(_store.DatabasePath, 2);
        await cluster.SubmitAsync(source);
        await cluster.WaitUntilFinishedAsync("dup-source");
        PointKey sourceKey = Assert.Single(await cluster.Campaign("dup-source").GetResults()).Key;
        var last = new BatchId(sourceKey, 10, 2);
        BatchResult? stored = await cluster.Batches.ReadAsync(last);
        Assert.NotNull(stored);

        // Seeds do not depend on the campaign name, so the same batch of an identical campaign has the same sums.
        await cluster.SubmitAsync(target);
        PointKey targetKey = sourceKey with { Campaign = "dup-target" };
        BatchResult report = stored with { Id = last with { Point = targetKey } };
        var point = cluster.Client.GetGrain<IGridPointGrain>(targetKey.GrainKey);

        // Whether this copy or the compute pool's report lands first is a race; either way only one may count.
        await point.ReportBatch(report, fromStore: false);
        Assert.False(await point.ReportBatch(report, fromStore: false), "a batch already merged was merged again");

        await cluster.WaitUntilFinishedAsync("dup-target");
        PointResult? done = await point.GetResult();
        Assert.NotNull(done);
        BitAssert.Result(Assert.Single(expected.Points), done);

        // And once the point is finished, a late duplicate changes nothing either.
        Assert.False(await point.ReportBatch(report, fromStore: false));
        Assert.False(await point.ReportBatch(report, fromStore: false));
        PointSummary summary = await point.GetSummary();
        Assert.Equal((12L, 6), (summary.RealizationsDone, summary.BatchesDone));
        BitAssert.Result(Assert.Single(expected.Points), (await point.GetResult())!);
    }

    [Fact]
    public async Task A_stored_result_is_not_replaced_by_a_second_insert()
    {
        string spec = Specs.Spec("store-once", 4, Specs.Block(1, [2.0], [0.01], [8], 8, "mag", "pur")).ToJsonString();
        await using var cluster = await SweepCluster.StartAsync(_store.DatabasePath, 1);
        await cluster.SubmitAsync(spec);
        await cluster.WaitUntilFinishedAsync("store-once");
        PointKey key = Assert.Single(await cluster.Campaign("store-once").GetResults()).Key;
        IBatchResultStore store = cluster.Batches;
        BatchResult first = (await store.ReadAsync(new BatchId(key, 0, 4)))!;
        BatchResult second = (await store.ReadAsync(new BatchId(key, 4, 4)))!;

        // A batch nobody stored yet: the store writes it.
        var fresh = new BatchId(key with { Campaign = "store-once-copy" }, 0, 4);
        Assert.True(await store.TryInsertAsync(first with { Id = fresh }));
        // Another attempt with other sums finds the row and leaves it alone.
        Assert.False(await store.TryInsertAsync(second with { Id = fresh }));

        BatchResult? stored = await store.ReadAsync(fresh);
        Assert.NotNull(stored);
        Assert.Equal(fresh, stored.Id);
        Assert.Equal(first.Sums.Mag, stored.Sums.Mag);
        Assert.NotEqual(second.Sums.Mag, stored.Sums.Mag);
        Assert.Equal(3, StoredBatches.Count(_store.DatabasePath));
    }
}
