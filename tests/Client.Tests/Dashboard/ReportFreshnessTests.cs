using Sweep.Client.Dashboard;

namespace Sweep.Client.Tests.Dashboard;

/// <summary>
/// The dashboard's report is built again only when points have finished, and no sooner than 30 s
/// nor than 50 times what its last build and drawing cost, so an open page cannot take more than
/// about 2% of the machine from the campaign.
/// </summary>
public sealed class ReportFreshnessTests
{
    private static readonly DateTime Built = new(2026, 12, 6, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_cheap_report_is_rebuilt_after_thirty_seconds_once_more_points_have_finished()
    {
        Assert.False(ReportFreshness.Stale(Built, 10, 0.05, Built.AddSeconds(29.9), 11));
        Assert.True(ReportFreshness.Stale(Built, 10, 0.05, Built.AddSeconds(30), 11));
        Assert.False(ReportFreshness.Stale(Built, 10, 0.05, Built.AddHours(1), 10));
    }

    [Fact]
    public void A_costly_report_waits_fifty_times_its_cost()
    {
        Assert.Equal(TimeSpan.FromSeconds(150), ReportFreshness.Wait(3));
        Assert.False(ReportFreshness.Stale(Built, 10, 3, Built.AddSeconds(149), 400));
        Assert.True(ReportFreshness.Stale(Built, 10, 3, Built.AddSeconds(150), 400));
    }
}
