namespace Sweep.Client.Progress;

/// <summary>
/// Slot-seconds of computation finished per second of wall time, over the last
/// <see cref="Window"/> of samples: how many slots the campaign keeps busy now, on any cluster.
/// Compute time arrives in steps (a batch's whole time when it is merged), so a span shorter
/// than half the window gives the mean since the last sample before the first merge instead:
/// the silo's start and the wait for the first batch do not count as idle slots.
/// </summary>
internal sealed class SlotThroughput
{
    private readonly Queue<(double Wall, double Compute)> _samples = new();
    private (double Wall, double Compute)? _origin;

    public SlotThroughput(TimeSpan window) => Window = window;

    public TimeSpan Window { get; }

    /// <summary>Adds a sample: wall seconds since the run started and compute seconds merged by then.</summary>
    public void Add(double wallSeconds, double computeSeconds)
    {
        if (_origin is not { } origin || computeSeconds <= origin.Compute && _samples.All(s => s.Compute <= origin.Compute))
        {
            // Nothing merged yet: the origin moves up to the last sample before the first merge.
            _origin = (wallSeconds, computeSeconds);
            _samples.Clear();
        }

        _samples.Enqueue((wallSeconds, computeSeconds));
        // Keeps one sample at or before the window's start, so the rate spans the whole window.
        while (_samples.Count > 2 && wallSeconds - _samples.ElementAt(1).Wall >= Window.TotalSeconds)
        {
            _samples.Dequeue();
        }
    }

    /// <summary>Busy slots (slot-seconds per second), or null before any computation was merged.</summary>
    public double? SlotsBusy
    {
        get
        {
            if (_origin is not { } origin || _samples.Count < 2)
            {
                return null;
            }

            (double wall0, double compute0) = _samples.Peek();
            (double wall1, double compute1) = _samples.Last();
            if (compute1 > compute0 && wall1 - wall0 >= Window.TotalSeconds / 2)
            {
                return (compute1 - compute0) / (wall1 - wall0);
            }

            // Too short a span, or nothing merged within the window (a few long batches).
            return compute1 > origin.Compute && wall1 > origin.Wall ? (compute1 - origin.Compute) / (wall1 - origin.Wall) : null;
        }
    }
}
