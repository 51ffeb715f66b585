using Sweep.Grains.Campaigns;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Tests.Campaigns;

/// <summary>
/// Which of two reports of one point the campaign keeps. One-way reports can arrive out of
/// order; a late one must not hold a finished campaign open.
/// </summary>
public sealed class PointReportOrderTests
{
    private static readonly PointKey Key = new("order", 1, 2.0, 0.01, 4);

    private static PointSummary Report(PointStatus status, int batchesDone, int batchesTotal)
        => new(Key, status, batchesDone * 200L, batchesTotal * 200L, batchesDone, batchesTotal, null, null, null, []);

    [Fact]
    public void A_late_running_report_does_not_replace_a_target_stop_with_fewer_batches()
        => Assert.False(CampaignGrain.Supersedes(Report(PointStatus.Running, 11, 20), Report(PointStatus.Done, 16, 16)));

    [Fact]
    public void A_target_stop_replaces_the_running_report_of_a_larger_plan()
        => Assert.True(CampaignGrain.Supersedes(Report(PointStatus.Done, 16, 16), Report(PointStatus.Running, 11, 20)));

    [Fact]
    public void An_extension_reopens_a_finished_point()
        => Assert.True(CampaignGrain.Supersedes(Report(PointStatus.Running, 8, 20), Report(PointStatus.Done, 8, 8)));

    [Fact]
    public void Progress_within_one_plan_moves_forward_only()
    {
        Assert.True(CampaignGrain.Supersedes(Report(PointStatus.Running, 12, 20), Report(PointStatus.Running, 11, 20)));
        Assert.False(CampaignGrain.Supersedes(Report(PointStatus.Running, 10, 20), Report(PointStatus.Running, 11, 20)));
    }
}
