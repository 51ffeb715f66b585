namespace Sweep.Grains.Points;

/// <summary>Re-dispatch period of pending batches and the attempt cap of a failing batch.</summary>
public sealed class PointOptions
{
    public TimeSpan RedispatchPeriod { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxAttempts { get; set; } = 3;
}
