using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Compute;

/// <summary>What follows a batch: its point merges a stored result (once) or counts a failed attempt, then the dispatcher forgets the batch.</summary>
internal static class BatchReport
{
    public static async Task SendAsync(IGrainFactory grains, BatchResult result, bool fromStore)
    {
        await grains.GetGrain<IGridPointGrain>(result.Id.Point.GrainKey).ReportBatch(result, fromStore);
        await grains.GetGrain<IDispatcherGrain>(0).Complete(result.Id);
    }

    public static async Task SendFailureAsync(IGrainFactory grains, BatchWork work, string reason)
    {
        await grains.GetGrain<IDispatcherGrain>(0).Complete(work.Id);
        await grains.GetGrain<IGridPointGrain>(work.Id.Point.GrainKey).ReportFailure(work.Id, work.Attempt, reason);
    }
}
