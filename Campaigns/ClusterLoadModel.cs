namespace Sweep.Campaigns;

/// <summary>
/// The load a campaign puts on a cluster's one Redis and one dispatcher grain while K compute
/// slots are busy, from the capacity harness's figures per batch (docs/PERFORMANCE.md, "Capacity
/// harness": measured up to 3,000 simulated slots; beyond that the same per-batch costs are
/// extrapolated). Each slot finishes a batch every mean batch duration, so the cluster stores
/// K / duration batches a second, each a row of exact sums whose size follows T alone.
/// </summary>
public static class ClusterLoadModel
{
    /// <summary>
    /// The goal for what a campaign sends into one Redis, in bytes a second (issue 18): the load
    /// at which docs/cluster.md sizes batches.
    /// </summary>
    public const double RedisGoalBytesPerSecond = 100e6;

    /// <summary>Redis commands per stored batch: the insert script, the point's state flush, timers (measured 3.1 to 3.6).</summary>
    public const double RedisCommandsPerBatch = 3.6;

    /// <summary>
    /// The dispatcher grain's time per batch (its lease, completion and share of re-enqueues),
    /// measured about 0.1 ms with the lease index: it is one grain per cluster, not reentrant.
    /// </summary>
    public const double DispatcherSecondsPerBatch = 1e-4;

    /// <summary>Silo CPU per batch for everything but the physics (storing, grains, leases; measured 2.5 to 3.8 ms).</summary>
    public const double SiloCpuSecondsPerBatch = 3.8e-3;

    /// <summary>The load of <paramref name="batches"/> batches that take <paramref name="slotSeconds"/> of compute in all, on <paramref name="slots"/> busy slots.</summary>
    public static ClusterLoad At(int slots, long batches, double slotSeconds, int timePoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batches, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slotSeconds);
        double meanBatchSeconds = slotSeconds / batches;
        // With fewer batches than slots, only as many slots as batches are ever busy.
        double busy = Math.Min(slots, batches);
        double batchesPerSecond = busy / meanBatchSeconds;
        double bytesPerBatch = StoreSizeModel.BatchPayloadBytes(timePoints);
        return new ClusterLoad(
            Slots: slots,
            Batches: batches,
            MeanBatchSeconds: meanBatchSeconds,
            WallSeconds: slotSeconds / busy,
            BatchesPerSecond: batchesPerSecond,
            RedisBytesPerBatch: bytesPerBatch,
            RedisBytesPerSecond: batchesPerSecond * bytesPerBatch,
            RedisCommandsPerSecond: batchesPerSecond * RedisCommandsPerBatch,
            DispatcherOccupancy: batchesPerSecond * DispatcherSecondsPerBatch,
            SiloCores: batchesPerSecond * SiloCpuSecondsPerBatch,
            ShortestBatchSeconds: busy * bytesPerBatch / RedisGoalBytesPerSecond);
    }

    /// <summary>
    /// Redis memory a finished campaign holds, from the row sizes (not measured whole): every
    /// batch row, and for each point its merged sums (one batch row's size), the Fig. 1 snapshot
    /// its first batch carries, and its own state.
    /// </summary>
    public static double RedisMemoryBytes(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double row = StoreSizeModel.BatchPayloadBytes(spec.TimePoints);
        double point = StoreSizeModel.SnapshotBytes(spec.TimePoints) + StoreSizeModel.PointBytes(spec.TimePoints);
        return CampaignGrid.Expand(spec).Sum(p => ((SpecLimits.Batches(p, spec.BatchSize) + 1) * row) + point);
    }

    /// <summary>
    /// The most batches the campaign may be cut into and stay under
    /// <see cref="RedisGoalBytesPerSecond"/> on <paramref name="slots"/> slots (a batch's compute
    /// does not depend on how its point is cut). B batches on min(K, B) busy slots store
    /// min(K, B) B / W batches a second, which grows with B; 0 when even one batch is too fast.
    /// </summary>
    public static long MostBatchesUnderGoal(int slots, double slotSeconds, int timePoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slotSeconds);
        // min(K, B) x B may not exceed X, the batches a second the goal allows times W.
        double x = RedisGoalBytesPerSecond * slotSeconds / StoreSizeModel.BatchPayloadBytes(timePoints);
        double most = x / slots >= slots ? x / slots : Math.Sqrt(x);
        return (long)Math.Floor(most);
    }
}
