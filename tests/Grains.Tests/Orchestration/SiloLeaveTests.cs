using System.Collections.Concurrent;
using Orleans.Runtime;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Tests.Storage;

namespace Sweep.Grains.Tests.Orchestration;

/// <summary>
/// A silo that stops gracefully (SIGTERM on `sweep-silo`) hands every batch it holds, running or
/// queued for a slot, back to the dispatcher before it is gone, instead of leaving them leased
/// until the dispatcher notices that the silo left.
/// </summary>
[Collection(OrchestrationCollection.Name)]
public sealed class SiloLeaveTests : IDisposable
{
    // What the dispatcher was told, by every silo of the test's cluster: (method, batch key).
    private static readonly ConcurrentQueue<(string Method, string Batch)> DispatcherCalls = new();

    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    // Batches of a few hundred milliseconds, so the silo holds a running and a queued one when it stops.
    private static string Spec(string name) => Specs.Spec(
        name,
        batchSize: 8,
        Specs.Block(1, [2.0], [0.01], [400], 96, "mag", "pur")).ToJsonString();

    [Fact]
    public async Task A_stopping_silo_returns_its_running_and_queued_batches_before_it_is_gone()
    {
        const string name = "leaving-silo";
        string spec = Spec(name);
        StraightRun expected = StraightRun.Of(spec);

        await using var cluster = await SweepCluster.StartAsync(_store.DatabasePath, 3, silo => silo.AddIncomingGrainCallFilter(async call =>
        {
            if (call.Grain is IDispatcherGrain && call.InterfaceMethod.Name is nameof(IDispatcherGrain.Return) or nameof(IDispatcherGrain.Complete))
            {
                DispatcherCalls.Enqueue((call.InterfaceMethod.Name, ((BatchId)call.Request.GetArgument(0)!).GrainKey));
            }

            await call.Invoke();
        }));
        await cluster.SubmitAsync(spec);

        // Not the first silo (the in-process membership and the test client's gateway live
        // there), nor the dispatcher's: its queue would go with it, and points refill it.
        await cluster.Client.GetGrain<IDispatcherGrain>(0).GetCounts();
        var statistics = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        SiloAddress dispatcherSilo = statistics.First(g => g.GrainType.Contains("Dispatcher", StringComparison.Ordinal)).SiloAddress;
        var victim = cluster.Cluster.Silos.Skip(1).First(s => !s.SiloAddress.Equals(dispatcherSilo));
        string[] held = [];
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (held.Length < 2 && DateTime.UtcNow < deadline)
        {
            held = SweepCluster.Pool(victim).HeldBatches;
            await Task.Delay(5);
        }

        // Two or more: a batch just computed stays held while it is stored and reported.
        Assert.True(held.Length >= 2, $"the silo held {held.Length} batches, not a running and a queued one");
        await cluster.StopSiloAsync(victim);

        // By the time the silo is stopped, each batch it held was handed back or (finished just
        // before the stop) stored and completed; none is left leased to a silo that is gone.
        var told = DispatcherCalls.Where(c => c.Batch.StartsWith(name + "/", StringComparison.Ordinal)).ToList();
        var returned = told.Where(c => c.Method == nameof(IDispatcherGrain.Return)).Select(c => c.Batch).ToHashSet(StringComparer.Ordinal);
        var completed = told.Where(c => c.Method == nameof(IDispatcherGrain.Complete)).Select(c => c.Batch).ToHashSet(StringComparer.Ordinal);
        var leftLeased = held.Where(b => !returned.Contains(b) && !completed.Contains(b)).ToList();
        Assert.True(leftLeased.Count == 0, "left leased to the stopped silo: " + string.Join(", ", leftLeased) + "; the dispatcher was told: " + string.Join(", ", told));
        Assert.True(returned.Intersect(held).Any(), $"none of {string.Join(", ", held)} was returned; completed: {string.Join(", ", completed)}");

        CampaignStatus status = await cluster.WaitUntilFinishedAsync(name);
        Assert.Equal(0, status.PointsFailed);
        BitAssert.Results(expected, await cluster.Campaign(name).GetResults());
    }
}
