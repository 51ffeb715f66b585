namespace Sweep.Campaigns.Tests;

/// <summary>
/// The cluster load of `sweep estimate --slots`: rates from slots, batches and their compute,
/// bytes per batch from T as the capacity harness measured them, and the batch count that keeps
/// Redis under its goal.
/// </summary>
public class ClusterLoadModelTests
{
    [Fact]
    public void A_batch_sends_its_exact_sums_and_header_into_Redis_as_the_harness_measured()
    {
        // 34 x 16 bytes per time point and a 1 kB header: 109.8 kB at T = 200, where the harness
        // measured 110 to 112 kB of Redis input per batch (docs/PERFORMANCE.md).
        Assert.Equal(109_824, StoreSizeModel.BatchPayloadBytes(200));
        Assert.InRange(StoreSizeModel.BatchPayloadBytes(200), 105e3, 112e3);
        // The SQLite store keeps the same payload in whole 64 kB pages.
        Assert.Equal(2 * 65_536, StoreSizeModel.BatchBytes(200));
    }

    [Fact]
    public void Every_slot_finishes_a_batch_every_mean_batch_duration()
    {
        // 10,000 batches of 5 s each on 1,000 slots: 200 batches/s, 50 s.
        ClusterLoad load = ClusterLoadModel.At(1_000, 10_000, 50_000, 200);
        Assert.Equal(5, load.MeanBatchSeconds, 12);
        Assert.Equal(50, load.WallSeconds, 12);
        Assert.Equal(200, load.BatchesPerSecond, 9);
        Assert.Equal(200 * 109_824, load.RedisBytesPerSecond, 3);
        Assert.Equal(200 * ClusterLoadModel.RedisCommandsPerBatch, load.RedisCommandsPerSecond, 9);
        Assert.Equal(0.02, load.DispatcherOccupancy, 12);
        Assert.True(load.UnderRedisGoal);
        // 100 MB/s is 910 such batches a second: 1,000 slots need batches of 1.1 s or more.
        Assert.Equal(1_000 * 109_824 / 100e6, load.ShortestBatchSeconds, 12);
    }

    [Fact]
    public void Ten_thousand_slots_need_batches_of_eleven_seconds_at_T_200()
    {
        // docs/cluster.md's rule, batch seconds >= slots / 900 at T = 200.
        Assert.Equal(10.98, ClusterLoadModel.At(10_000, 1_000_000, 1e7, 200).ShortestBatchSeconds, 2);
        ClusterLoad fiveSeconds = ClusterLoadModel.At(10_000, 1_000_000, 5e6, 200);
        Assert.False(fiveSeconds.UnderRedisGoal);
        Assert.Equal(2_000 * 109_824, fiveSeconds.RedisBytesPerSecond, 3);
    }

    [Fact]
    public void Fewer_batches_than_slots_keep_only_that_many_busy()
    {
        ClusterLoad load = ClusterLoadModel.At(1_000, 10, 100, 200);
        Assert.Equal(10, load.MeanBatchSeconds, 12);
        Assert.Equal(10, load.WallSeconds, 12);
        Assert.Equal(1, load.BatchesPerSecond, 12);
    }

    [Theory]
    [InlineData(1e6, 91_054)] // more batches than slots: K B / W batches a second
    [InlineData(1.0, 30)] // fewer: B B / W, as only B slots are busy
    public void The_most_batches_under_the_goal_are_the_last_count_that_stays_under_it(double slotSeconds, long expected)
    {
        long most = ClusterLoadModel.MostBatchesUnderGoal(10_000, slotSeconds, 200);
        Assert.Equal(expected, most);
        Assert.True(ClusterLoadModel.At(10_000, most, slotSeconds, 200).UnderRedisGoal);
        Assert.False(ClusterLoadModel.At(10_000, most + 1, slotSeconds, 200).UnderRedisGoal);
    }

    [Fact]
    public void Redis_memory_holds_every_batch_row_and_each_points_merged_sums_and_state()
    {
        CampaignSpec spec = Spec(ns: 1_000, batchSize: 100);
        double row = StoreSizeModel.BatchPayloadBytes(200);
        // Two points of 10 batches each.
        double expected = 2 * ((11 * row) + StoreSizeModel.SnapshotBytes(200) + StoreSizeModel.PointBytes(200));
        Assert.Equal(expected, ClusterLoadModel.RedisMemoryBytes(spec), 3);
    }

    [Fact]
    public void The_smallest_batch_size_under_a_batch_count_cuts_no_more()
    {
        IReadOnlyList<CampaignPoint> grid = CampaignGrid.Expand(Spec(ns: 1_000, batchSize: 10));
        // 2 points x 1,000 realizations in at most 25 batches: 12 per point, so ceil(1000 / 12) = 84.
        Assert.Equal(84, SpecLimits.SmallestBatchSize(grid, 10, 25));
        Assert.Equal(2 * 12, grid.Sum(p => SpecLimits.Batches(p, 84)));
        Assert.True(grid.Sum(p => SpecLimits.Batches(p, 83)) > 25);
        Assert.Equal(10, SpecLimits.SmallestBatchSize(grid, 10, 200));
    }

    private static CampaignSpec Spec(int ns, int batchSize)
    {
        string json = $$"""
            { "name": "load", "seed": 1, "timePoints": 200, "batchSize": {{batchSize}},
              "blocks": [ { "d": 1, "alpha": [2], "x": [0.001, 0.01], "N": [8], "Ns": {{ns}}, "observables": ["mag"] } ] }
            """;
        SpecParseResult parsed = CampaignSpecParser.Parse(json);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        return parsed.Spec!;
    }
}
