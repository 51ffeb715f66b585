using Sweep.Grains.Interfaces;

namespace Sweep.Cluster.Tests;

/// <summary>Submits a campaign and follows it, riding out calls that fail while a silo or Redis is down.</summary>
internal static class CampaignDriver
{
    public static async Task<SubmitResult> SubmitAsync(IGrainFactory grains, string specJson)
    {
        SubmitResult result = await grains.GetGrain<ICampaignGrain>(Specs.Name).Submit(specJson);
        Assert.Null(result.Error);
        return result;
    }

    /// <summary>Polls the status until <paramref name="until"/> holds; failed polls are retried until the timeout.</summary>
    /// <summary>
    /// When the faults of the small campaign strike: at its first stored results. It takes only a
    /// few seconds on three silos, and waiting for a quarter of it let it finish before Redis
    /// went down (CI: "Redis must stop mid-campaign").
    /// </summary>
    public static bool FirstResultsStored(CampaignStatus status) => status.BatchesDone >= 1;

    public static async Task<CampaignStatus> WaitAsync(IGrainFactory grains, Func<CampaignStatus, bool> until, TimeSpan timeout)
    {
        var grain = grains.GetGrain<ICampaignGrain>(Specs.Name);
        var deadline = DateTime.UtcNow + timeout;
        CampaignStatus? last = null;
        Exception? lastError = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await grain.GetStatus().WaitAsync(TimeSpan.FromSeconds(10));
                lastError = null;
                if (until(last))
                {
                    return last;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                lastError = e;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException(
            $"campaign did not get there within {timeout.TotalSeconds} s; last status: " +
            (last is null ? "none" : $"{last.BatchesDone}/{last.BatchesTotal} batches, {last.PointsDone} points done, {last.PointsFailed} failed") +
            (lastError is null ? string.Empty : $"; last error: {lastError.GetType().Name}: {lastError.Message}"));
    }

    public static Task<CampaignStatus> WaitFinishedAsync(IGrainFactory grains, TimeSpan timeout)
        => WaitAsync(grains, s => s.Finished, timeout);

    /// <summary>Every point complete, none failed, and each merged exactly Ns realizations.</summary>
    public static void AssertComplete(CampaignStatus status)
    {
        Assert.True(status.Finished);
        Assert.Equal(0, status.PointsFailed);
        Assert.Equal(status.Points, status.PointsDone);
        Assert.Equal(status.BatchesTotal, status.BatchesDone);
        Assert.All(status.PointSummaries, p => Assert.Equal(Specs.Ns, p.RealizationsDone));
    }
}
