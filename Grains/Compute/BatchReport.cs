using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Compute;

/// <summary>What follows a stored batch result: its point merges it (once), then the dispatcher forgets the batch.</summary>
internal static class BatchReport
{
    public static async Task SendAsync(IGrainFactory grains, BatchResult result)
    {
        await grains.GetGrain<IGridPointGrain>(result.Id.Point.GrainKey).ReportBatch(result);
        await grains.GetGrain<IDispatcherGrain>(0).Complete(result.Id);
    }
}
