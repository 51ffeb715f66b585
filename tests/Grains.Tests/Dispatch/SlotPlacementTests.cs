using Sweep.Grains.Dispatch;

namespace Sweep.Grains.Tests.Dispatch;

/// <summary>
/// A point fails for memory only when every active silo has reported too little for the whole
/// grace: not while a capable silo is busy (it still renews) or briefly away, nor before any
/// silo has reported.
/// </summary>
public class SlotPlacementTests
{
    private static readonly DateTime T0 = new(2026, 12, 5, 6, 0, 0, DateTimeKind.Utc);
    private static readonly (string, double)[] BigQueued = [("big", 100), ("big", 100), ("small", 10)];
    private static readonly DispatcherOptions Options = new() { SiloActiveWindow = TimeSpan.FromSeconds(30), UnplaceableGrace = TimeSpan.FromSeconds(60) };

    private static bool NoneLeaving(string silo) => false;

    private static DateTime At(double seconds) => T0.AddSeconds(seconds);

    [Fact]
    public void Nothing_is_decided_before_a_silo_reports()
    {
        var placement = new SlotPlacement(Options);
        Assert.Empty(placement.Due(BigQueued, At(0), NoneLeaving).Points);
        Assert.Empty(placement.Due(BigQueued, At(600), NoneLeaving).Points);
    }

    [Fact]
    public void A_point_too_big_for_every_active_silo_is_due_after_the_grace_once()
    {
        var placement = new SlotPlacement(Options);
        for (double t = 0; t < 60; t += 5)
        {
            placement.Report("a", 50, At(t));
            placement.Report("b", 40, At(t));
            Assert.Empty(placement.Due(BigQueued, At(t), NoneLeaving).Points);
        }

        placement.Report("a", 50, At(60));
        var (points, largest, silos) = placement.Due(BigQueued, At(60), NoneLeaving);
        Assert.Equal(["big"], points);
        Assert.Equal((50, 2), (largest, silos));
    }

    [Fact]
    public void A_busy_capable_silo_that_only_renews_keeps_the_point_alive()
    {
        var placement = new SlotPlacement(Options);
        for (double t = 0; t < 300; t += 5)
        {
            placement.Report("small", 50, At(t));
            placement.Report("big", 200, At(t));
            Assert.Empty(placement.Due(BigQueued, At(t), NoneLeaving).Points);
        }
    }

    [Fact]
    public void A_capable_silo_away_for_less_than_the_grace_keeps_the_point_alive()
    {
        var placement = new SlotPlacement(Options);
        placement.Report("big", 200, At(0));
        for (double t = 0; t <= 85; t += 5)
        {
            placement.Report("small", 50, At(t));
            Assert.Empty(placement.Due(BigQueued, At(t), NoneLeaving).Points);
        }

        // Silent since 0 s, the big silo stopped counting after 30 s; back at 90 s, before the grace ran out.
        placement.Report("big", 200, At(90));
        Assert.Empty(placement.Due(BigQueued, At(90), NoneLeaving).Points);
        placement.Report("small", 50, At(200));
        Assert.Empty(placement.Due(BigQueued, At(200), NoneLeaving).Points);
    }

    [Fact]
    public void A_capable_silo_that_leaves_the_cluster_stops_counting_at_once()
    {
        var placement = new SlotPlacement(Options);
        placement.Report("small", 50, At(0));
        placement.Report("big", 200, At(0));
        Assert.Empty(placement.Due(BigQueued, At(0), NoneLeaving).Points);
        Assert.Empty(placement.Due(BigQueued, At(1), s => s == "big").Points);
        placement.Report("small", 50, At(61));
        Assert.Equal(["big"], placement.Due(BigQueued, At(61), NoneLeaving).Points);
    }

    [Fact]
    public void With_no_grace_a_lone_silo_decides_at_once()
    {
        var placement = new SlotPlacement(new DispatcherOptions { UnplaceableGrace = TimeSpan.Zero });
        placement.Report("local", 50, At(0));
        Assert.Equal(["big"], placement.Due(BigQueued, At(0), NoneLeaving).Points);
    }
}
