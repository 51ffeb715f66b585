namespace Sweep.Client.Progress;

/// <summary>
/// How the slots' measured time compares with the calibration on the work merged within the
/// last <see cref="Window"/>: the ratio of measured to calibrated seconds of what was computed
/// in that span. A run's first batches are its dearest per calibrated second (code not yet
/// optimized by the JIT, the calibration itself competing for the cores): on fig2bc they ran
/// at twice their calibration, later ones at 1.0 to 1.3. A ratio since the run's start carries
/// that warm-up into every later price; one over a recent window forgets it.
/// </summary>
internal sealed class RecentPriceScale
{
    private readonly Queue<(double Wall, double Measured, double Calibrated)> _samples = new();

    public RecentPriceScale(TimeSpan window) => Window = window;

    public TimeSpan Window { get; }

    /// <summary>Adds a sample: wall seconds, and the measured and calibrated seconds of all priced work computed by then.</summary>
    public void Add(double wallSeconds, double measured, double calibrated)
    {
        if (_samples.Count > 0 && (calibrated < _samples.Last().Calibrated || measured < _samples.Last().Measured))
        {
            // A new calibration or a restarted count: what came before is not comparable.
            _samples.Clear();
        }

        _samples.Enqueue((wallSeconds, measured, calibrated));
        // Keeps one sample at or before the window's start, so the ratio spans the whole window.
        while (_samples.Count > 2 && wallSeconds - _samples.ElementAt(1).Wall >= Window.TotalSeconds)
        {
            _samples.Dequeue();
        }
    }

    /// <summary>Measured over calibrated seconds of the work merged within the window; null when none was.</summary>
    public double? Scale
    {
        get
        {
            if (_samples.Count < 2)
            {
                return null;
            }

            (_, double m0, double c0) = _samples.Peek();
            (_, double m1, double c1) = _samples.Last();
            return c1 > c0 && m1 > m0 ? (m1 - m0) / (c1 - c0) : null;
        }
    }
}
