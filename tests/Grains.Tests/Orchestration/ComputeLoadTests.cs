using Microsoft.Extensions.DependencyInjection;
using Sweep.Grains.Compute;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Tests.Storage;

namespace Sweep.Grains.Tests.Orchestration;

/// <summary>
/// The dispatcher's load on two in-process silos on loopback with 2 and 1 compute slots: each
/// silo shows its own slots, and while a campaign runs both are seen busy and completing
/// batches, with batches waiting in the queue; once it has finished nothing is busy or queued.
/// </summary>
[Collection(OrchestrationCollection.Name)]
public sealed class ComputeLoadTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    // 80 batches of 10 realizations of 256 and 384 spins, tens of milliseconds each: more than the
    // 3 slots and their short queues hold, and long enough for a poll every 10 ms to catch each
    // silo running one. (Batches of 64 and 96 spins finished a whole campaign within 1 s on a
    // loaded CI machine, before a poll had seen the 1-slot silo busy.)
    private static string Spec(string name) => Specs.Spec(
        name,
        batchSize: 10,
        Specs.Block(1, [2.0], [0.001, 0.01], [256, 384], 200, "mag", "pur")).ToJsonString();

    [Fact]
    public async Task Each_silo_shows_its_slots_and_is_seen_busy_and_completing_batches_while_a_campaign_runs()
    {
        const string name = "compute-load";
        await using var cluster = await SweepCluster.StartAsync(
            _store.DatabasePath,
            2,
            (index, silo) => silo.Services.Configure<ComputeOptions>(o => o.Slots = index == 0 ? 2 : 1));
        var dispatcher = cluster.Client.GetGrain<IDispatcherGrain>(0);
        await cluster.SubmitAsync(Spec(name));

        var busy = new Dictionary<string, int>(StringComparer.Ordinal);
        var rate = new Dictionary<string, double>(StringComparer.Ordinal);
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        int queued = 0;
        while (!(await cluster.Campaign(name).GetStatus()).Finished)
        {
            ComputeLoad load = await dispatcher.GetLoad();
            Assert.True(load.Running);
            Assert.Equal(10, load.RateWindowSeconds);
            queued = Math.Max(queued, load.QueuedBatches);
            foreach (SiloLoad s in load.Silos)
            {
                Assert.InRange(s.Busy, 0, s.Slots);
                busy[s.Address] = Math.Max(busy.GetValueOrDefault(s.Address), s.Busy);
                rate[s.Address] = Math.Max(rate.GetValueOrDefault(s.Address), s.BatchesPerSecond);
                slots[s.Address] = s.Slots;
                names[s.Address] = s.Name;
            }

            await Task.Delay(10);
        }

        foreach (var silo in cluster.Cluster.Silos)
        {
            string address = silo.SiloAddress.ToParsableString();
            int expected = SweepCluster.Pool(silo).Slots;
            Assert.True(slots.ContainsKey(address), $"silo {address} never appeared in the load ({string.Join(", ", slots.Keys)})");
            Assert.Equal(expected, slots[address]);
            Assert.Equal(silo.Name, names[address]);
            Assert.True(busy[address] > 0, $"silo {address} was never seen busy");
            Assert.True(rate[address] > 0, $"silo {address} was never seen completing batches");
        }

        Assert.Equal([1, 2], slots.Values.Order());
        Assert.True(queued > 0, "no batch was ever seen waiting in the dispatcher's queue");

        // Finished: nothing is leased or waiting (a silo tells the dispatcher a batch is done
        // just after reporting it to its point), and the silos' rates still show the last 10 s.
        ComputeLoad after = await dispatcher.GetLoad();
        for (var deadline = DateTime.UtcNow.AddSeconds(5); after.LeasedBatches > 0 && DateTime.UtcNow < deadline; after = await dispatcher.GetLoad())
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, after.QueuedBatches);
        Assert.Equal(0, after.LeasedBatches);
        Assert.Equal(0, after.SlotsBusy);
        Assert.Equal(3, after.Slots);
        Assert.True(after.BatchesPerSecond > 0);
    }
}
