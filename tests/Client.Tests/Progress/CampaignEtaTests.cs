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
    public void A_point_is_priced_by_its_calibration_times_how_far_its_class_and_all_computed_work_were_off()
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

        // No N = 1300 batch: the ratio over all computed work, (1.0 + 0.2) / (50 x 10 ms + 100 x 2 ms).
        double overall = 1.2 / 0.7;
        Assert.Equal(0.030 * overall, costs.SecondsPerRealization(new GridPoint(3, 6, 1e-4, 1300))!.Value, 12);

        // N = 500 ran at 2.0 against all work's 1.71, on 0.5 s of its 2.4 calibrated seconds: that
        // relative ratio is believed by 0.5 / (0.5 + 2.4 / 4). Alpha 10 is priced at 2 ms times the
        // result, not at the class's measured 20 ms per realization.
        double n500 = overall * Math.Pow(2.0 / overall, 0.5 / 1.1);
        Assert.Equal(0.002 * n500, costs.SecondsPerRealization(new GridPoint(3, 10, 1e-4, 500))!.Value, 12);

        // 1D ran at its calibration (1.0 against all work's 1.71) on 0.2 of its 2 calibrated seconds.
        double n10 = overall * Math.Pow(1.0 / overall, 0.2 / 0.7);
        Assert.Equal(0.002 * n10, costs.SecondsPerRealization(new GridPoint(1, 6, 1e-4, 10))!.Value, 12);

        CampaignEta eta = CampaignEta.Of(status, costs, slotsBusy: 4);
        double remaining = (150 * 0.010 * n500) + (200 * 0.002 * n500) + (200 * 0.030 * overall) + (900 * 0.002 * n10);
        Assert.Equal(remaining, eta.RemainingSlotSeconds!.Value, 9);
        Assert.Equal(TimeSpan.FromSeconds(Math.Round(remaining / 4)), eta.Remaining);
    }

    [Fact]
    public void One_dear_first_batch_does_not_price_the_rest_of_its_class()
    {
        // fig2bc: the first batch of 1D N = 60 (its dearest point, dispatched early, on code the
        // JIT had not optimized yet) took 4.6 times its calibration; the class's other 98% then
        // ran at about 1.1. 3D, mostly computed, ran at 1.1.
        var points = new List<PointSummary> { Point(1, 60, 4000, 4000, computed: 4000, seconds: 4000 * 4.6e-3, alpha: 1) };
        var calibrated = new Dictionary<GridPoint, double> { [new(1, 1, 1e-4, 60)] = 1e-3 };
        for (int a = 2; a <= 50; a++)
        {
            points.Add(Point(1, 60, 0, 4000, alpha: a));
            calibrated[new(1, a, 1e-4, 60)] = 1e-3;
        }

        points.Add(Point(3, 1300, 200, 200, computed: 200, seconds: 200 * 1.1, alpha: 6));
        calibrated[new(3, 6, 1e-4, 1300)] = 1.0;

        var costs = RealizationCostModel.Learn(points, calibrated);

        double price = costs.SecondsPerRealization(new GridPoint(1, 7, 1e-4, 60))!.Value;
        Assert.InRange(price, 1.1e-3, 1.3e-3);
    }

    [Fact]
    public void A_recent_ratio_replaces_the_one_since_the_start_that_carries_the_first_batches()
    {
        CampaignStatus status = Status(Point(3, 1300, 100, 200, computed: 100, seconds: 200), Point(2, 800, 0, 200));
        var calibrated = new Dictionary<GridPoint, double> { [new(3, 6, 1e-4, 1300)] = 1.0, [new(2, 6, 1e-4, 800)] = 0.5 };

        Assert.Equal(0.5 * 2.0, RealizationCostModel.Learn(status.PointSummaries, calibrated).SecondsPerRealization(new GridPoint(2, 6, 1e-4, 800))!.Value, 12);
        Assert.Equal(0.5 * 1.1, RealizationCostModel.Learn(status.PointSummaries, calibrated, recentScale: 1.1).SecondsPerRealization(new GridPoint(2, 6, 1e-4, 800))!.Value, 12);
    }

    [Fact]
    public void The_recent_price_scale_forgets_the_warm_up()
    {
        // Work merged at twice its calibration for 20 s, then at 1.0.
        var prices = new RecentPriceScale(TimeSpan.FromSeconds(30));
        Assert.Null(prices.Scale);
        double measured = 0;
        double calibrated = 0;
        for (int t = 0; t <= 60; t += 5)
        {
            prices.Add(t, measured, calibrated);
            measured += t < 20 ? 10 : 5;
            calibrated += 5;
        }

        // Since the start: 160 measured over 65 calibrated; the window (30 to 60 s) sees only 1.0.
        Assert.Equal(1.0, prices.Scale!.Value, 12);

        // A new calibration (smaller calibrated sums) starts over rather than mixing two scales.
        prices.Add(65, measured + 5, 1);
        Assert.Null(prices.Scale);
        prices.Add(70, measured + 10, 3);
        Assert.Equal(2.5, prices.Scale!.Value, 12);
    }

    [Fact]
    public void A_followed_run_whose_first_batches_were_dear_gets_the_eta_of_its_present_pace()
    {
        // Two slots, 200 equal points of 1 calibrated second each (100 realizations at 10 ms).
        // The first 20 s ran at twice the calibration (one point per second), the rest at it
        // (two per second). Polled every 5 s.
        var calibrated = Enumerable.Range(0, 200).ToDictionary(i => new GridPoint(3, 3 + (0.01 * i), 1e-4, 500), _ => 0.010);
        var tracker = new CampaignEtaTracker(TimeSpan.FromSeconds(60));
        CampaignStatus? status = null;
        CampaignEta? eta = null;
        for (int t = 0; t <= 60; t += 5)
        {
            int finished = t <= 20 ? t : 20 + (2 * (t - 20));
            status = Status([.. calibrated.Keys.Select((p, i) => i < finished
                ? Point(3, 500, 100, 100, computed: 100, seconds: i < 20 ? 2 : 1, alpha: p.Alpha)
                : Point(3, 500, 0, 100, alpha: p.Alpha))]);
            eta = tracker.Observe(t, status, calibrated);
        }

        // At 60 s: 100 points done, 100 left at 1 s each on 2 slots, 50 s.
        Assert.NotNull(eta);
        Assert.NotNull(status);
        Assert.Equal(2.0, eta.SlotsBusy!.Value, 9);
        Assert.Equal(TimeSpan.FromSeconds(50), eta.Remaining);

        // Priced since the start (120 s measured for 100 calibrated), it would say 60 s.
        Assert.Equal(60, CampaignEta.Of(status, RealizationCostModel.Learn(status.PointSummaries, calibrated), 2.0).Remaining!.Value.TotalSeconds, 9);
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
