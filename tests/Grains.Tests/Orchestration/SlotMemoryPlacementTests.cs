using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using Sweep.Campaigns;
using Sweep.Grains.Compute;
using Sweep.Grains.Dispatch;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Tests.Storage;
using Sweep.Physics.Kernel;

namespace Sweep.Grains.Tests.Orchestration;

/// <summary>
/// A silo leases only batches that fit the memory of its slots: a point too big for one silo
/// is computed on another, with the same bits; a point too big for every silo fails with the
/// memory it needs while the others finish.
/// </summary>
[Collection(OrchestrationCollection.Name)]
public sealed class SlotMemoryPlacementTests : IDisposable
{
    private const int SmallN = 8;
    private const int BigN = 400;
    private const int TimePoints = 40;

    // Which silo leased which batch, from every silo of the test's cluster.
    private static readonly ConcurrentQueue<(string Silo, string Batch)> Leases = new();

    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    private static double Needs(int n) => KernelMemoryModel.BytesPerSlot(SpinKernelChoice.Exact, 1, n, TimePoints);

    // Between what the small points' batches and the big point's need per slot.
    private static long SmallSlot => (long)((Needs(SmallN) + Needs(BigN)) / 2);

    private static string Spec(string name) => Specs.Spec(
        name,
        batchSize: 2,
        Specs.Block(1, [2.0], [0.001, 0.01], [SmallN, BigN], 48, "mag", "pur")).ToJsonString();

    private static void Configure(ISiloBuilder silo, long memoryPerSlot, TimeSpan? unplaceableGrace = null)
    {
        silo.Services.Configure<ComputeOptions>(o => o.MemoryPerSlotBytes = memoryPerSlot);
        if (unplaceableGrace is { } grace)
        {
            silo.Services.Configure<DispatcherOptions>(o => o.UnplaceableGrace = grace);
        }

        silo.AddIncomingGrainCallFilter(async call =>
        {
            await call.Invoke();
            if (call.Grain is IDispatcherGrain && call.InterfaceMethod.Name == nameof(IDispatcherGrain.Lease))
            {
                string leasing = (string)call.Request.GetArgument(0)!;
                foreach (BatchWork work in (BatchWork[])call.Result!)
                {
                    Leases.Enqueue((leasing, work.Id.GrainKey));
                }
            }
        });
    }

    private static long MemoryOf(InProcessSiloHandle silo)
        => silo.ServiceProvider.GetRequiredService<IOptions<ComputeOptions>>().Value.MemoryPerSlotBytes!.Value;

    [Fact]
    public async Task A_point_too_big_for_one_silo_is_computed_on_the_other_with_the_same_bits()
    {
        const string name = "memory-placement";
        string spec = Spec(name);
        StraightRun expected = StraightRun.Of(spec);
        Assert.True(Needs(BigN) > SmallSlot && Needs(SmallN) < SmallSlot);

        await using var cluster = await SweepCluster.StartAsync(_store.DatabasePath, 2, (index, silo) => Configure(silo, index == 0 ? SmallSlot : 1L << 40));
        await cluster.SubmitAsync(spec);
        CampaignStatus status = await cluster.WaitUntilFinishedAsync(name);

        Assert.Equal(0, status.PointsFailed);
        BitAssert.Results(expected, await cluster.Campaign(name).GetResults());
        var small = cluster.Cluster.Silos.Where(s => MemoryOf(s) == SmallSlot).Select(s => s.SiloAddress.ToParsableString()).Single();
        var ofBig = Leases.Where(l => l.Batch.StartsWith(name + "/", StringComparison.Ordinal) && l.Batch.Contains($"/{BigN}/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(ofBig);
        Assert.DoesNotContain(ofBig, l => l.Silo == small);

        // The small silo did lease (the small points' batches), while the big ones, first in the queue, were there to take.
        Assert.Contains(Leases, l => l.Silo == small && l.Batch.StartsWith(name + "/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_point_too_big_for_every_silo_fails_with_the_memory_it_needs_and_the_others_finish()
    {
        const string name = "memory-nowhere";
        string spec = Spec(name);
        StraightRun expected = StraightRun.Of(spec);

        await using var cluster = await SweepCluster.StartAsync(_store.DatabasePath, 2, (_, silo) => Configure(silo, SmallSlot, TimeSpan.FromSeconds(2)));
        await cluster.SubmitAsync(spec);
        CampaignStatus status = await cluster.WaitUntilFinishedAsync(name);

        // Both x values have a big point.
        Assert.Equal(2, status.PointsFailed);
        var failed = status.PointSummaries.Where(p => p.Status == PointStatus.Failed).ToList();
        Assert.All(failed, p => Assert.Equal(BigN, p.Key.N));
        string reason = failed[0].Failure!;
        Assert.Equal(reason, failed[1].Failure);
        Assert.Contains($"no silo can hold its batches: N = {BigN} in 1D at T = {TimePoints} with the exact kernel needs {MemorySize.Format(Needs(BigN))} per compute slot", reason, StringComparison.Ordinal);
        Assert.Contains($"and the 2 active silos have at most {MemorySize.Format(SmallSlot)} per slot", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Leases, l => l.Batch.StartsWith(name + "/", StringComparison.Ordinal) && l.Batch.Contains($"/{BigN}/", StringComparison.Ordinal));

        IReadOnlyList<PointResult> results = await cluster.Campaign(name).GetResults();
        Assert.Equal(expected.Points.Count(p => p.Point.Point.N == SmallN), results.Count);
        foreach (ExpectedPoint e in expected.Points.Where(p => p.Point.Point.N == SmallN))
        {
            BitAssert.Result(e, Assert.Single(results, r => r.Key.X.Equals(e.Point.Point.X)));
        }
    }
}
