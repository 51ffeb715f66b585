namespace Sweep.Grains.Dispatch;

/// <summary>
/// Events per second over a sliding window, counted in whole-second buckets so that recording an
/// event and reading the rate cost O(buckets) at most, whatever the number of events: the
/// dispatcher records every completed batch and must keep its turns short. The rate divides by
/// the time the counted buckets span, not by the full window, while less than a window has
/// passed since <c>start</c>: a silo that joined 3 s ago is not shown at a third of its speed.
/// </summary>
public sealed class CompletionRate
{
    private readonly long _bucketTicks;
    private readonly long[] _epochs;
    private readonly int[] _counts;
    private readonly DateTime _start;

    /// <param name="window">The span the rate covers; a whole number of buckets.</param>
    /// <param name="bucket">The resolution; the window is slid by this much.</param>
    /// <param name="start">Since when events are counted (the rate spans no time before it).</param>
    public CompletionRate(TimeSpan window, TimeSpan bucket, DateTime start)
    {
        if (bucket <= TimeSpan.Zero || window < bucket)
        {
            throw new ArgumentOutOfRangeException(nameof(window), "the window must be at least one bucket, and a bucket longer than zero");
        }

        _bucketTicks = bucket.Ticks;
        int n = (int)(window.Ticks / bucket.Ticks);
        _epochs = new long[n];
        _counts = new int[n];
        Array.Fill(_epochs, long.MinValue);
        _start = start;
        Window = TimeSpan.FromTicks(n * bucket.Ticks);
    }

    public TimeSpan Window { get; }

    public void Record(DateTime now)
    {
        long epoch = now.Ticks / _bucketTicks;
        int i = (int)(epoch % _epochs.Length);
        if (_epochs[i] != epoch)
        {
            _epochs[i] = epoch;
            _counts[i] = 0;
        }

        _counts[i]++;
    }

    /// <summary>Events per second in the window ending at <paramref name="now"/>.</summary>
    public double PerSecond(DateTime now)
    {
        long epoch = now.Ticks / _bucketTicks;
        long oldest = epoch - _epochs.Length + 1;
        long count = 0;
        for (int i = 0; i < _epochs.Length; i++)
        {
            if (_epochs[i] >= oldest && _epochs[i] <= epoch)
            {
                count += _counts[i];
            }
        }

        // The counted buckets run from the oldest one's start to now; never before the start,
        // and at least one bucket, so a first event is not a rate of thousands per second.
        long from = Math.Max(oldest * _bucketTicks, _start.Ticks);
        double seconds = Math.Max(now.Ticks - from, _bucketTicks) / (double)TimeSpan.TicksPerSecond;
        return count / seconds;
    }
}
