using Microsoft.Extensions.DependencyInjection;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Points;
using Sweep.Grains.Tests.Storage;

namespace Sweep.Grains.Tests.Orchestration;

[Collection(OrchestrationCollection.Name)]
public sealed class RestartTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    private static string Spec(string name, int batchSize, int scale = 1) => Specs.Spec(
        name,
        batchSize,
        Specs.Block(1, [2.0], [0.01], [6, 10], 20 * scale, "mag", "pur"),
        Specs.Block(2, [3.0], [0.01], [8], 16 * scale, "mag", "pur")).ToJsonString();

    [Fact]
    public async Task Restart_after_a_finished_campaign_recomputes_nothing()
    {
        string spec = Spec("restart-done", 4);
        StraightRun expected = StraightRun.Of(spec);
        int total;
        await using (var first = await SweepCluster.StartAsync(_store.DatabasePath, 2))
        {
            total = (await first.SubmitAsync(spec)).BatchesTotal;
            await first.WaitUntilFinishedAsync("restart-done");
            Assert.Equal(total, first.BatchesComputed);
        }

        Assert.Equal(total, StoredBatches.Count(_store.DatabasePath));
        await using var second = await SweepCluster.StartAsync(_store.DatabasePath, 2);
        SubmitResult again = await second.SubmitAsync(spec);
        CampaignStatus status = await second.WaitUntilFinishedAsync("restart-done");

        Assert.Equal((total, total), (again.BatchesTotal, again.BatchesAlreadyStored));
        Assert.False(again.Extended);
        Assert.Equal(total, status.BatchesDone);
        Assert.Equal(0, second.BatchesComputed);
        BitAssert.Results(expected, await second.Campaign("restart-done").GetResults());
        BitAssert.Table(expected, await second.Campaign("restart-done").GetTable());
    }

    [Fact]
    public async Task Restart_after_a_stop_mid_way_computes_exactly_the_batches_not_stored()
    {
        // Enough batches that stopping the silos (which takes a moment) lands mid-way.
        string spec = Spec("restart-partial", 1, scale: 10);
        StraightRun expected = StraightRun.Of(spec);
        int total;
        await using (var first = await SweepCluster.StartAsync(_store.DatabasePath, 2))
        {
            total = (await first.SubmitAsync(spec)).BatchesTotal;
            CampaignStatus part = await first.WaitUntilAsync("restart-partial", s => s.BatchesDone >= 8 || s.Finished, "store 8 batches");
            Assert.False(part.Finished, "the campaign finished before the cluster could be stopped mid-way");
        }

        // Counted after every silo is down, so no batch can be stored behind the count's back.
        int stored = StoredBatches.Count(_store.DatabasePath);
        Assert.InRange(stored, 8, total - 1);

        await using var second = await SweepCluster.StartAsync(_store.DatabasePath, 2);
        await second.SubmitAsync(spec);
        CampaignStatus status = await second.WaitUntilFinishedAsync("restart-partial");

        Assert.Equal(total, status.BatchesDone);
        Assert.Equal(total - stored, second.BatchesComputed);
        Assert.Equal(total, StoredBatches.Count(_store.DatabasePath));
        BitAssert.Results(expected, await second.Campaign("restart-partial").GetResults());
        BitAssert.Table(expected, await second.Campaign("restart-partial").GetTable());
    }

    [Fact]
    public async Task Batches_stored_after_the_last_flush_of_a_killed_cluster_are_counted_as_found_not_computed()
    {
        // Points write their merged sums lazily; with the flush put off, every batch merged
        // before the kill is stored but missing from its point's state, as after a scancel.
        string spec = Spec("restart-unflushed", 1, scale: 10);
        StraightRun expected = StraightRun.Of(spec);
        await using (var first = await SweepCluster.StartAsync(
            _store.DatabasePath, 2, silo => silo.Services.Configure<PointOptions>(p => p.FlushPeriod = TimeSpan.FromHours(1))))
        {
            await first.SubmitAsync(spec);
            CampaignStatus part = await first.WaitUntilAsync("restart-unflushed", s => s.BatchesDone >= 8 || s.Finished, "store 8 batches");
            Assert.False(part.Finished, "the campaign finished before the cluster could be killed mid-way");
            foreach (var silo in first.Cluster.Silos.Reverse().ToArray())
            {
                await first.KillSiloAsync(silo);
            }
        }

        await using var second = await SweepCluster.StartAsync(_store.DatabasePath, 2);
        SubmitResult again = await second.SubmitAsync(spec);
        CampaignStatus status = await second.WaitUntilFinishedAsync("restart-unflushed");

        // What a cluster client reports as computed in this run (RemoteCluster.BatchesComputed)
        // must be what the pools computed.
        int found = status.BatchesFoundStored - again.BatchesFoundStored;
        Assert.True(found >= 8, $"only {found} batches were found stored; the submit counted {again.BatchesAlreadyStored} as stored");
        Assert.Equal(second.BatchesComputed, status.BatchesDone - again.BatchesAlreadyStored - found);
        BitAssert.Results(expected, await second.Campaign("restart-unflushed").GetResults());
        BitAssert.Table(expected, await second.Campaign("restart-unflushed").GetTable());
    }
}
