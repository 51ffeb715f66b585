namespace Sweep.Client.Progress;

/// <summary>
/// Slot-seconds of computation finished per second of wall time, over the last
/// <see cref="Window"/> of samples: how many slots the campaign keeps busy now, on any cluster.
/// Compute time arrives in steps (a batch's whole time when it is merged), so a span shorter
/// than half the window gives the mean since the last sample before the first merge instead:
/// the silo's start and the wait for the first batch do not count as idle slots. Long batches
/// merge rarely, so the window widens to several mean wall gaps between merges: otherwise a window that saw one short batch merge while the slots were busy
/// with long ones would read as idle slots, and the ETA would jump by the batch size.
/// </summary>
internal sealed class SlotThroughput
{
    private readonly Queue<(double Wall, double Compute)> _samples = new();
    private (double Wall, double Compute)? _origin;
    private double? _lastMerge;
    private double _gapSum;
    private int _gaps;

    // A rate over fewer merges than this is mostly the luck of which batches finished.
    private const int MergesPerWindow = 4;

    public SlotThroughput(TimeSpan window) => Window = window;

    public TimeSpan Window { get; }

    /// <summary>The span the rate is taken over: the window, or several mean gaps between merges when batches are long.</summary>
    public double SpanSeconds => _gaps == 0 ? Window.TotalSeconds : Math.Max(Window.TotalSeconds, MergesPerWindow * _gapSum / _gaps);

    /// <summary>Adds a sample: wall seconds since the run started and compute seconds merged by then.</summary>
    public void Add(double wallSeconds, double computeSeconds)
    {
        if (_origin is not { } origin || computeSeconds <= origin.Compute && _samples.All(s => s.Compute <= origin.Compute))
        {
            // Nothing merged yet: the origin moves up to the last sample before the first merge.
            _origin = (wallSeconds, computeSeconds);
            _samples.Clear();
            _lastMerge = null;
            _gapSum = 0;
            _gaps = 0;
        }
        else if (_samples.Count > 0 && computeSeconds > _samples.Last().Compute)
        {
            if (_lastMerge is { } last)
            {
                _gapSum += wallSeconds - last;
                _gaps++;
            }

            _lastMerge = wallSeconds;
        }

        _samples.Enqueue((wallSeconds, computeSeconds));
        // Keeps one sample at or before the window's start, so the rate spans the whole window.
        while (_samples.Count > 2 && wallSeconds - _samples.ElementAt(1).Wall >= SpanSeconds)
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
            if (compute1 > compute0 && wall1 - wall0 >= SpanSeconds / 2)
            {
                return (compute1 - compute0) / (wall1 - wall0);
            }

            // Too short a span, or nothing merged within the window (a few long batches).
            return compute1 > origin.Compute && wall1 > origin.Wall ? (compute1 - origin.Compute) / (wall1 - origin.Wall) : null;
        }
    }
}
