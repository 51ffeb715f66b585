using Sweep.Grains.Interfaces;
using Sweep.Grains.Tests.Storage;

namespace Sweep.Grains.Tests.Orchestration;

[Collection(OrchestrationCollection.Name)]
public sealed class CampaignCompletionTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Small_campaign_on_three_silos_equals_a_straight_single_threaded_run_bit_for_bit()
    {
        string spec = Specs.Small("complete").ToJsonString();
        StraightRun expected = StraightRun.Of(spec);

        await using var cluster = await SweepCluster.StartAsync(_store.DatabasePath, 3);
        SubmitResult submitted = await cluster.SubmitAsync(spec);
        CampaignStatus status = await cluster.WaitUntilFinishedAsync("complete");

        Assert.Equal(expected.Points.Count, submitted.Points);
        Assert.Equal(0, submitted.BatchesAlreadyStored);
        Assert.Equal(0, status.PointsFailed);
        Assert.All(status.PointSummaries, p => Assert.Equal(p.RealizationsTarget, p.RealizationsDone));
        Assert.Equal(submitted.BatchesTotal, cluster.BatchesComputed);
        // The comparison must cover real fits and a real p, not only failures that agree.
        Assert.Contains(expected.Exponents, e => e.Fit.IsSuccess);

        BitAssert.Results(expected, await cluster.Campaign("complete").GetResults());
        BitAssert.Table(expected, await cluster.Campaign("complete").GetTable());
    }
}
