namespace Sweep.Grains.Points;

/// <summary>Re-dispatch period of pending batches, the attempt cap of a failing batch, and the flush period of merged sums.</summary>
public sealed class PointOptions
{
    public TimeSpan RedispatchPeriod { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxAttempts { get; set; } = 3;

    /// <summary>How often merged sums are written while batches keep arriving (each batch is stored on its own at once).</summary>
    public TimeSpan FlushPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// With a precision target, the batches planned past the Ns the last decision predicted, so
    /// slots keep busy while the next decision waits for its checkpoint. Batches that turn out to
    /// lie past the stopping point are stored, not merged: this bounds that waste per point.
    /// </summary>
    public int AheadBatches { get; set; } = 2;
}
