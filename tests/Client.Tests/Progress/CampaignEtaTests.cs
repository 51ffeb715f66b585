using Sweep.Client.Progress;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Points;
using Sweep.Physics.Scaling;

namespace Sweep.Client.Tests.Progress;

/// <summary>
/// The ETA weights what is left by what it costs: a campaign whose expensive points went first
/// is not predicted to take as long again as it took so far, and points no batch has measured
/// yet are priced from their own calibration, corrected by how far it was off on computed work.
/// </summary>
public sealed class CampaignEtaTests
{
    private static PointSummary Point(int d, int n, long done, long target, long computed = 0, double seconds = 0, PointStatus? status = null, double alpha = 6)
        => new(new PointKey("c", d, alpha, 1e-4, n), status ?? (done >= target ? PointStatus.Done : done > 0 ? PointStatus.Running : PointStatus.Pending), done, target, 0, 1, null, null, null, [Observable.Mag])
        {
            RealizationsComputed = computed,
            ComputeSeconds = seconds,
        };

    private static CampaignStatus Status(params PointSummary[] points)
        => new("c", true, false, points.Length, points.Count(p => p.Status == PointStatus.Done), 0, points.Sum(p => p.RealizationsDone), points.Sum(p => p.RealizationsTarget), 0, points.Length, points);

    [Fact]
    public void The_remaining_work_is_weighted_by_each_sizes_measured_cost_not_by_its_count()
    {
        // Two expensive points done (1 s per realization), a thousand cheap realizations left (1 ms each).
        CampaignStatus status = Status(
            Point(3, 1300, 100, 100, computed: 100, seconds: 100),
            Point(3, 1300, 100, 100, computed: 100, seconds: 100),
            Point(1, 2, 10, 1000, computed: 10, seconds: 0.01));
        var costs = RealizationCostModel.Learn(status.PointSummaries);

        CampaignEta eta = CampaignEta.Of(status, costs, slotsBusy: 2);

        Assert.Equal(0.99, eta.RemainingSlotSeconds!.Value, 9);
        Assert.Equal(TimeSpan.FromSeconds(0), eta.Remaining);
        Assert.Equal(200.01 / 201.0, eta.DoneFraction!.Value, 9);

        // A count of realizations would say 990 of 1,210 are left: 82% of the work.
        Assert.True(eta.DoneFraction > 0.99);
    }

    [Fact]
    public void A_point_is_priced_by_its_calibration_times_how_its_class_or_else_all_computed_work_compared()
    {
        // 3D N = 500: alpha 6 computed (20 ms measured, 10 ms calibrated), alpha 10 left (2 ms
        // calibrated: the accelerated kernel's far pairs are cheap at large alpha). 3D N = 1300
        // has no batch yet; 1D N = 10 was measured at its calibration.
        CampaignStatus status = Status(
            Point(3, 500, 50, 200, computed: 50, seconds: 1.0, alpha: 6),
            Point(3, 500, 0, 200, alpha: 10),
            Point(3, 1300, 0, 200, alpha: 6),
            Point(1, 10, 100, 1000, computed: 100, seconds: 0.2, alpha: 6));
        var calibrated = new Dictionary<GridPoint, double>
        {
            [new(3, 6, 1e-4, 500)] = 0.010,
            [new(3, 10, 1e-4, 500)] = 0.002,
            [new(3, 6, 1e-4, 1300)] = 0.030,
            [new(1, 6, 1e-4, 10)] = 0.002,
        };

        var costs = RealizationCostModel.Learn(status.PointSummaries, calibrated);

        // Its class ran at twice the calibration: alpha 10 costs 2 x 2 ms, not the class's 20 ms.
        Assert.Equal(0.004, costs.SecondsPerRealization(new GridPoint(3, 10, 1e-4, 500))!.Value, 12);

        // No N = 1300 batch: the ratio over all computed work, (1.0 + 0.2) / (50 x 10 ms + 100 x 2 ms).
        double overall = 1.2 / 0.7;
        Assert.Equal(0.030 * overall, costs.SecondsPerRealization(new GridPoint(3, 6, 1e-4, 1300))!.Value, 12);

        // 1D keeps its own ratio (1), whatever 3D's is.
        Assert.Equal(0.002, costs.SecondsPerRealization(new GridPoint(1, 6, 1e-4, 10))!.Value, 12);

        CampaignEta eta = CampaignEta.Of(status, costs, slotsBusy: 4);
        double remaining = (150 * 0.020) + (200 * 0.004) + (200 * 0.030 * overall) + (900 * 0.002);
        Assert.Equal(remaining, eta.RemainingSlotSeconds!.Value, 9);
        Assert.Equal(TimeSpan.FromSeconds(Math.Round(remaining / 4)), eta.Remaining);
    }

    [Fact]
    public void Without_a_calibration_an_unmeasured_size_scales_from_the_nearest_measured_one_by_its_pairs()
    {
        CampaignStatus status = Status(Point(2, 100, 20, 200, computed: 20, seconds: 2), Point(2, 200, 0, 200), Point(1, 10, 0, 100));
        var costs = RealizationCostModel.Learn(status.PointSummaries);

        Assert.Equal(0.1 * (200.0 * 199) / (100.0 * 99), costs.SecondsPerRealization(new PointCostClass(2, 200))!.Value, 12);

        // Nothing measured in 1D: the ETA is unknown rather than wrong.
        Assert.Null(costs.SecondsPerRealization(new PointCostClass(1, 10)));
        CampaignEta eta = CampaignEta.Of(status, costs, slotsBusy: 2);
        Assert.Null(eta.Remaining);
        Assert.Equal("--", eta.RemainingText);
    }

    [Fact]
    public void Before_any_batch_is_merged_there_is_no_eta()
    {
        CampaignStatus status = Status(Point(3, 100, 0, 200), Point(3, 200, 0, 200));
        Assert.Null(CampaignEta.Of(status, RealizationCostModel.Learn(status.PointSummaries), slotsBusy: null).Remaining);
        Assert.Null(CampaignEta.Snapshot(status, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Failed_and_cancelled_points_leave_nothing_to_compute()
    {
        CampaignStatus status = Status(
            Point(3, 100, 50, 200, computed: 50, seconds: 5),
            Point(3, 100, 10, 200, status: PointStatus.Failed),
            Point(3, 100, 0, 200, status: PointStatus.Cancelled));
        CampaignEta eta = CampaignEta.Of(status, RealizationCostModel.Learn(status.PointSummaries), slotsBusy: 1);
        Assert.Equal(150 * 0.1, eta.RemainingSlotSeconds!.Value, 9);
        Assert.Equal(TimeSpan.FromSeconds(15), eta.Remaining);
    }

    [Fact]
    public void A_status_read_once_takes_the_busy_slots_as_the_runs_mean_since_submission()
    {
        DateTimeOffset submitted = DateTimeOffset.UtcNow.AddSeconds(-100);
        CampaignStatus status = Status(Point(3, 100, 100, 300, computed: 100, seconds: 200)) with { SubmittedAt = submitted };

        CampaignEta eta = CampaignEta.Snapshot(status, submitted.AddSeconds(100))!;

        Assert.Equal(2.0, eta.SlotsBusy!.Value, 9);
        Assert.Equal(TimeSpan.FromSeconds(200), eta.Remaining);
        Assert.Null(CampaignEta.Snapshot(status with { SubmittedAt = null }, submitted.AddSeconds(100)));
    }

    [Fact]
    public void Busy_slots_follow_the_last_window_not_the_whole_run()
    {
        var slots = new SlotThroughput(TimeSpan.FromSeconds(60));
        Assert.Null(slots.SlotsBusy);
        slots.Add(0, 0);
        for (int t = 10; t <= 100; t += 10)
        {
            // One slot until 30 s, then four: the window (40 to 100 s) sees only the four.
            slots.Add(t, t <= 30 ? t : 30 + (4 * (t - 30)));
        }

        Assert.Equal(4.0, slots.SlotsBusy!.Value, 9);

        // Before the window fills, the mean since the last sample before the first merge: the
        // silo's start-up (20 s here) is not idle slots.
        var starting = new SlotThroughput(TimeSpan.FromSeconds(60));
        starting.Add(0, 0);
        starting.Add(20, 0);
        Assert.Null(starting.SlotsBusy);
        starting.Add(25, 10);
        starting.Add(30, 20);
        Assert.Equal(2.0, starting.SlotsBusy!.Value, 9);

        // Nothing merged for a while (a few long batches): the run's mean, not zero.
        var quiet = new SlotThroughput(TimeSpan.FromSeconds(60));
        quiet.Add(0, 0);
        quiet.Add(30, 60);
        quiet.Add(100, 60);
        quiet.Add(130, 60);
        Assert.Equal(60.0 / 130, quiet.SlotsBusy!.Value, 9);
    }

    [Fact]
    public void Long_batches_widen_the_window_so_one_short_merge_does_not_read_as_idle_slots()
    {
        // Two slots busy with 100 s batches (both merge at each 100 s), and one 1 s batch merged
        // at 250 s: a 60 s window at 260 s would see 1 slot-second in 60 s, 0.017 busy slots.
        var slots = new SlotThroughput(TimeSpan.FromSeconds(60));
        double compute = 0;
        for (int t = 0; t <= 260; t += 10)
        {
            compute += t is > 0 and <= 200 && t % 100 == 0 ? 200 : t == 250 ? 1 : 0;
            slots.Add(t, compute);
        }

        // Merges 100 s and 50 s apart: the rate spans four mean gaps (300 s), back to the
        // origin at 90 s, the last sample before the first merge.
        Assert.Equal(300, slots.SpanSeconds, 9);
        Assert.Equal(401.0 / 170, slots.SlotsBusy!.Value, 9);
    }
}
