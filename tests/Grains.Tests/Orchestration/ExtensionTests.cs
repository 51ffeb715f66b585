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
        await cluster.WaitUntilFinishedAsync("extend");
        long computedBefore = cluster.BatchesComputed;
        Assert.Equal(first.BatchesTotal, computedBefore);

        SubmitResult second = await cluster.SubmitAsync(extended);
        CampaignStatus status = await cluster.WaitUntilFinishedAsync("extend");

        Assert.True(second.Extended);
        Assert.Equal(first.BatchesTotal + NewBatches, second.BatchesTotal);
        Assert.Equal(first.BatchesTotal, second.BatchesAlreadyStored);
        Assert.Equal(NewBatches, cluster.BatchesComputed - computedBefore);
        Assert.Equal(second.BatchesTotal, status.BatchesDone);
        BitAssert.Results(expected, await cluster.Campaign("extend").GetResults());
        BitAssert.Table(expected, await cluster.Campaign("extend").GetTable());
    }
}
