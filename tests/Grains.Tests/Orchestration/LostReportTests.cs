using System.Collections.Concurrent;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Tests.Storage;

namespace Sweep.Grains.Tests.Orchestration;

/// <summary>
/// A batch that leaves the dispatcher without reaching its point (its report lost on the way)
/// is enqueued again by the point's periodic re-dispatch, and the point finishes bit-identical.
/// </summary>
[Collection(OrchestrationCollection.Name)]
public sealed class LostReportTests : IDisposable
{
    // Batch keys whose first report was swallowed, shared with the silos' call filter.
    private static readonly ConcurrentDictionary<string, bool> Swallowed = new(StringComparer.Ordinal);

    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_batch_whose_report_was_lost_is_enqueued_again_and_the_point_finishes_bit_identical()
    {
        const string name = "lost-report";
        string spec = Specs.Spec(name, 2, Specs.Block(1, [2.0], [0.01], [8], 12, "mag", "pur")).ToJsonString();
        StraightRun expected = StraightRun.Of(spec);

        await using var cluster = await SweepCluster.StartAsync(_store.DatabasePath, 2, silo => silo.AddIncomingGrainCallFilter(async call =>
        {
            // The third batch's first report never arrives; the worker goes on to Complete it,
            // so the dispatcher forgets it and only the point still counts it pending.
            if (call.Grain is IGridPointGrain && call.InterfaceMethod.Name == nameof(IGridPointGrain.ReportBatch)
                && call.Request.GetArgument(0) is BatchResult { Id.First: 4 } result && result.Id.Point.Campaign == name
                && Swallowed.TryAdd(result.Id.GrainKey, true))
            {
                call.Result = false;
                return;
            }

            await call.Invoke();
        }));
        await cluster.SubmitAsync(spec);
        await cluster.WaitUntilFinishedAsync(name);

        Assert.Single(Swallowed);
        PointResult done = Assert.Single(await cluster.Campaign(name).GetResults());
        BitAssert.Result(Assert.Single(expected.Points), done);
    }
}
