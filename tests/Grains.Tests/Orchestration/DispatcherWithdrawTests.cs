using Sweep.Grains.Interfaces;
using Sweep.Grains.Tests.Storage;
using Sweep.Physics.Kernel;
using Sweep.Physics.Time;

namespace Sweep.Grains.Tests.Orchestration;

/// <summary>
/// A point with a precision target that stops withdraws its batches past the stopping checkpoint
/// from the dispatcher: the queued ones go (and are said to have gone), nothing else.
/// </summary>
[Collection(OrchestrationCollection.Name)]
public sealed class DispatcherWithdrawTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Withdraw_drops_the_queued_batches_asked_for_and_returns_exactly_those()
    {
        await using var cluster = await SweepCluster.StartAsync(_store.DatabasePath, 1);
        var dispatcher = cluster.Client.GetGrain<IDispatcherGrain>(0);

        // A million spins with the exact kernel need terabytes per slot: no silo leases these,
        // so they stay queued for as long as the test looks.
        var point = new PointKey("withdraw", 1, 2.0, 0.01, 1_000_000);
        var settings = new PointSettingsData(1, 40, TimeUnit.Common, 0.99, 0.01, SpinKernelChoice.ParseCode("exact"), 10);
        BatchWork[] queued = [.. Enumerable.Range(0, 3).Select(i => new BatchWork(new BatchId(point, i * 8, 8), settings, 1))];
        await dispatcher.Enqueue(queued);
        Assert.Equal((3, 0), await dispatcher.GetCounts());

        BatchId never = new(point, 800, 8);
        BatchId[] dropped = await dispatcher.Withdraw([queued[2].Id, queued[0].Id, never]);

        Assert.Equal([queued[2].Id, queued[0].Id], dropped);
        Assert.Equal((1, 0), await dispatcher.GetCounts());
        Assert.Empty(await dispatcher.Withdraw([queued[0].Id]));
        Assert.Equal([queued[1].Id], await dispatcher.Withdraw([queued[1].Id]));
        Assert.Equal((0, 0), await dispatcher.GetCounts());
    }
}
