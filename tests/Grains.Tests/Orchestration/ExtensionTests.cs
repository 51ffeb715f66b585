using Sweep.Grains.Interfaces;
using Sweep.Grains.Tests.Storage;

namespace Sweep.Grains.Tests.Orchestration;

[Collection(OrchestrationCollection.Name)]
public sealed class ExtensionTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Extending_a_campaign_computes_only_the_new_batches_and_equals_a_straight_run()
    {
        string stored = Specs.Spec(
            "extend",
            3,
            Specs.Block(1, [2.0], [0.01], [4, 8], 10, "mag", "pur"),
            Specs.Block(2, [3.0], [0.01], [6], 7, "pur")).ToJsonString();
        // Adds N = 12 (10 realizations: 4 batches) and raises Ns of the d = 2 point from 7 to 11. Its
        // stored batches end with (6, 1), so the new ones are (7, 3) and (10, 1): 2 batches, split
        // differently from a straight run's (6, 3) (9, 2), which must not change a bit.
        string extended = Specs.Spec(
            "extend",
            3,
            Specs.Block(1, [2.0], [0.01], [4, 8, 12], 10, "mag", "pur"),
            Specs.Block(2, [3.0], [0.01], [6], 11, "pur")).ToJsonString();
        const int NewBatches = 4 + 2;
        StraightRun expected = StraightRun.Of(extended);

        await using var cluster = await SweepCluster.StartAsync(_store.DatabasePath, 2);
        SubmitResult first = await cluster.SubmitAsync(stored);
        CampaignStatus firstStatus = await cluster.WaitUntilFinishedAsync("extend");
        long computedBefore = cluster.BatchesComputed;
        Assert.Equal(first.BatchesTotal, computedBefore);

        SubmitResult second = await cluster.SubmitAsync(extended);
        CampaignStatus status = await cluster.WaitUntilFinishedAsync("extend");

        Assert.True(second.Extended);
        Assert.Equal(first.BatchesTotal + NewBatches, second.BatchesTotal);
        Assert.Equal(first.BatchesTotal, second.BatchesAlreadyStored);
        Assert.Equal(NewBatches, cluster.BatchesComputed - computedBefore);
        Assert.Equal(second.BatchesTotal, status.BatchesDone);
        // The finish time is that of the extension, not kept from the first run.
        Assert.NotNull(firstStatus.FinishedAt);
        Assert.True(status.FinishedAt > firstStatus.FinishedAt, $"finished {status.FinishedAt:O}, first run finished {firstStatus.FinishedAt:O}");
        BitAssert.Results(expected, await cluster.Campaign("extend").GetResults());
        BitAssert.Table(expected, await cluster.Campaign("extend").GetTable());
    }

    [Fact]
    public async Task Extending_a_point_whose_batch_result_was_lost_recomputes_that_batch_only_and_equals_a_straight_run()
    {
        // A finished point keeps its result but not its merged sums, so extending it reads its
        // batches back; one of them is erased from the file behind the silo's back.
        string stored = Specs.Spec("extend-lost", 3, Specs.Block(2, [3.0], [0.01], [6], 7, "pur")).ToJsonString();
        string extended = Specs.Spec("extend-lost", 3, Specs.Block(2, [3.0], [0.01], [6], 11, "pur")).ToJsonString();
        StraightRun expected = StraightRun.Of(extended);

        await using var cluster = await SweepCluster.StartAsync(_store.DatabasePath, 2);
        SubmitResult first = await cluster.SubmitAsync(stored);
        await cluster.WaitUntilFinishedAsync("extend-lost");
        long computedBefore = cluster.BatchesComputed;
        using (var connection = _store.OpenRaw())
        using (var erase = connection.CreateCommand())
        {
            erase.CommandText = "DELETE FROM grain_state WHERE state_name = 'batch' AND grain_id LIKE '%extend-lost/2/3/0.01/6/3+3';";
            Assert.Equal(1, erase.ExecuteNonQuery());
        }

        SubmitResult second = await cluster.SubmitAsync(extended);
        CampaignStatus status = await cluster.WaitUntilFinishedAsync("extend-lost");

        // The stored batches (0, 3) and (6, 1) are reused; (3, 3) is recomputed with the new (7, 3) and (10, 1).
        Assert.Equal(first.BatchesTotal + 2, second.BatchesTotal);
        Assert.Equal(first.BatchesTotal - 1, second.BatchesAlreadyStored);
        Assert.Equal(3, cluster.BatchesComputed - computedBefore);
        Assert.Equal(second.BatchesTotal, status.BatchesDone);
        BitAssert.Results(expected, await cluster.Campaign("extend-lost").GetResults());
    }
}
