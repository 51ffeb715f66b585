using Microsoft.Extensions.DependencyInjection;
using Sweep.Grains.Compute;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Tests.Storage;

namespace Sweep.Grains.Tests.Orchestration;

/// <summary>
/// ICampaignGrain.Delete through the grains (what `sweep delete --redis` calls): refused while the
/// campaign runs, then every stored state goes, and nothing of the deleted campaign comes back
/// in a new one of the same name, not even a batch result stored after the delete.
/// </summary>
[Collection(OrchestrationCollection.Name)]
public sealed class CampaignDeletionTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Delete_is_refused_while_running_then_erases_everything_and_a_resubmit_with_another_seed_recomputes()
    {
        var spec = Specs.Small("deleted");
        string first = spec.ToJsonString();
        // Batches wait at the gate until the refusal is checked: the small campaign could
        // otherwise finish before the delete reaches it.
        var gated = new GatedComputation();
        await using var cluster = await SweepCluster.StartAsync(_store.DatabasePath, 2, silo => silo.Services.AddSingleton<IBatchComputation>(gated));
        await cluster.SubmitAsync(first);

        CampaignDeletion refused = await cluster.Campaign("deleted").Delete();
        gated.Open();
        Assert.StartsWith("campaign 'deleted' is running (", refused.Refusal, StringComparison.Ordinal);
        Assert.Contains("`sweep cancel deleted`", refused.Refusal, StringComparison.Ordinal);
        Assert.Equal(0, refused.StoredStates);

        CampaignStatus finished = await cluster.WaitUntilFinishedAsync("deleted");
        Assert.True(finished.Exists);
        int batches = StoredBatches.Count(_store.DatabasePath);
        Assert.Equal(finished.BatchesTotal, batches);

        // A stored result of the first campaign, to be written back after the delete as a
        // computation finishing late would.
        PointKey key = finished.PointSummaries[0].Key;
        BatchResult? old = await cluster.Batches.ReadAsync(new BatchId(key, 0, 3));
        Assert.NotNull(old);

        CampaignDeletion deleted = await cluster.Campaign("deleted").Delete();
        Assert.Null(deleted.Refusal);
        Assert.Equal(finished.Points, deleted.Points);
        Assert.Equal(1 + finished.Points + batches, deleted.StoredStates);
        Assert.Equal(0, StoredBatches.Count(_store.DatabasePath));
        Assert.False((await cluster.Campaign("deleted").GetStatus()).Exists);
        Assert.DoesNotContain("deleted", await cluster.Client.GetGrain<ICampaignDirectoryGrain>(0).GetNames());

        Assert.True(await cluster.Batches.TryInsertAsync(old));
        long computedBefore = cluster.BatchesComputed;
        string second = Specs.With(spec, s => s["seed"] = 7);
        SubmitResult resubmitted = await cluster.SubmitAsync(second);
        Assert.Equal(0, resubmitted.BatchesAlreadyStored);
        await cluster.WaitUntilFinishedAsync("deleted");

        Assert.Equal(resubmitted.BatchesTotal, cluster.BatchesComputed - computedBefore);
        BitAssert.Results(StraightRun.Of(second), await cluster.Campaign("deleted").GetResults());
    }

    // Holds every batch until opened, then computes the real one.
    private sealed class GatedComputation : IBatchComputation
    {
        private readonly ManualResetEventSlim _gate = new(false);

        public void Open() => _gate.Set();

        public BatchResult Run(BatchWork work, CancellationToken cancellationToken)
        {
            _gate.Wait(cancellationToken);
            return BatchComputation.Run(work, cancellationToken);
        }
    }
}
