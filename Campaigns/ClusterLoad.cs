namespace Sweep.Campaigns;

/// <summary>
/// What <see cref="ClusterLoadModel"/> predicts for a campaign on a number of busy compute slots:
/// rates are while every slot (or every batch, when there are fewer) is computing.
/// </summary>
/// <param name="WallSeconds">Compute wall time with every slot busy (fits and stragglers come on top).</param>
/// <param name="ShortestBatchSeconds">The mean batch duration at which the busy slots reach <see cref="ClusterLoadModel.RedisGoalBytesPerSecond"/>.</param>
public sealed record ClusterLoad(
    int Slots,
    long Batches,
    double MeanBatchSeconds,
    double WallSeconds,
    double BatchesPerSecond,
    double RedisBytesPerBatch,
    double RedisBytesPerSecond,
    double RedisCommandsPerSecond,
    double DispatcherOccupancy,
    double SiloCores,
    double ShortestBatchSeconds)
{
    public bool UnderRedisGoal => RedisBytesPerSecond <= ClusterLoadModel.RedisGoalBytesPerSecond;
}
