using Sweep.Grains.Interfaces;
using Sweep.Physics.Points;

namespace Sweep.Client.Progress;

/// <summary>
/// Seconds of one slot per realization of a point. With a per-point calibration (one core's CPU
/// seconds, `Estimate.PointCalibration`): the calibrated price times how the slots' measured
/// time compares with the calibration: over recently merged work when the caller follows the
/// run (<see cref="RecentPriceScale"/>), else over all computed work; times how the point's
/// (d, N) class compared with all computed work, believed in proportion to how much of the
/// class is computed. The ratio carries the
/// machine's load and what a batch costs beyond its kernel, the calibration the differences
/// between points (alpha, x, N). Without a calibration (or for a point
/// it did not time), the class's measured mean, and for a class not computed yet the nearest
/// measured size of its dimension scaled by the count of spin pairs N(N-1): an upper bound for
/// the accelerated kernels, a lower one for tiny systems.
/// </summary>
internal sealed class RealizationCostModel
{
    // Fewer than this many realizations of a class say little about its cost (a first batch
    // also carries the Fig. 1 snapshot and the JIT's warm-up).
    private const long MinimumRealizations = 8;

    // How much of a class's calibrated work the campaign-wide ratio counts as against the class's
    // own: a class's relative ratio is half believed once a quarter of it is computed.
    private const double ClassPriorShare = 0.25;

    private readonly Dictionary<PointCostClass, double> _measured;
    private readonly IReadOnlyDictionary<GridPoint, double>? _calibrated;
    private readonly Dictionary<PointCostClass, double> _classScale;
    private readonly double? _scale;

    private RealizationCostModel(Dictionary<PointCostClass, double> measured, IReadOnlyDictionary<GridPoint, double>? calibrated, Dictionary<PointCostClass, double> classScale, double? scale)
    {
        _measured = measured;
        _calibrated = calibrated;
        _classScale = classScale;
        _scale = scale;
    }

    /// <summary>Classes whose cost was measured in this run.</summary>
    public int MeasuredClasses => _measured.Count;

    /// <param name="points">The campaign's point summaries (their computed realizations and compute seconds).</param>
    /// <param name="calibrated">One core's seconds per realization by grid point, or null.</param>
    /// <param name="recentScale">
    /// Measured over calibrated seconds of recently merged work (<see cref="RecentPriceScale"/>), used
    /// instead of the ratio over all computed work, which carries the run's dear first batches; null
    /// when the caller has no history.
    /// </param>
    public static RealizationCostModel Learn(IEnumerable<PointSummary> points, IReadOnlyDictionary<GridPoint, double>? calibrated = null, double? recentScale = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        PointSummary[] all = points as PointSummary[] ?? [.. points];
        PointSummary[] computed = [.. all.Where(p => p.RealizationsComputed > 0 && p.ComputeSeconds > 0)];
        var measured = computed
            .GroupBy(p => new PointCostClass(p.Key.D, p.Key.N))
            .Select(g => (Class: g.Key, Realizations: g.Sum(p => p.RealizationsComputed), Seconds: g.Sum(p => p.ComputeSeconds)))
            .Where(c => c.Realizations >= MinimumRealizations)
            .ToDictionary(c => c.Class, c => c.Seconds / c.Realizations);

        var classScale = new Dictionary<PointCostClass, double>();
        double? scale = null;
        if (calibrated is not null)
        {
            (double measuredSeconds, double calibratedSeconds) = PricedWork(computed, calibrated);
            double? overall = measuredSeconds > 0 && calibratedSeconds > 0 ? measuredSeconds / calibratedSeconds : null;
            scale = recentScale ?? overall;
            if (scale is { } pace && overall is { } mean)
            {
                // A class's price follows how its computed work compared with all computed work
                // over the same span (so the run's dear first batches cancel out), believed in
                // proportion to the share of the class computed: one early batch (cold code, or
                // the class's dearest point dispatched first) once set a class's price at four
                // times what the rest of it took.
                var classWork = all
                    .Where(p => Priced(p, calibrated))
                    .GroupBy(p => new PointCostClass(p.Key.D, p.Key.N))
                    .ToDictionary(g => g.Key, g => g.Sum(p => p.RealizationsTarget * calibrated[p.Key.Point]));
                foreach (var g in computed.Where(p => Priced(p, calibrated)).GroupBy(p => new PointCostClass(p.Key.D, p.Key.N)))
                {
                    double m = g.Sum(p => p.ComputeSeconds);
                    double c = g.Sum(p => p.RealizationsComputed * calibrated[p.Key.Point]);
                    double belief = c / (c + (ClassPriorShare * classWork.GetValueOrDefault(g.Key, c)));
                    classScale[g.Key] = pace * Math.Pow(m / c / mean, belief);
                }
            }
        }

        return new RealizationCostModel(measured, calibrated, classScale, scale);
    }

    /// <summary>The measured and the calibrated seconds of all computed work that has a calibrated price.</summary>
    public static (double Measured, double Calibrated) PricedWork(IEnumerable<PointSummary> points, IReadOnlyDictionary<GridPoint, double> calibrated)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(calibrated);
        double m = 0;
        double c = 0;
        foreach (PointSummary p in points.Where(p => p.RealizationsComputed > 0 && p.ComputeSeconds > 0 && Priced(p, calibrated)))
        {
            m += p.ComputeSeconds;
            c += p.RealizationsComputed * calibrated[p.Key.Point];
        }

        return (m, c);
    }

    private static bool Priced(PointSummary p, IReadOnlyDictionary<GridPoint, double> calibrated)
        => calibrated.TryGetValue(p.Key.Point, out double c) && c > 0 && double.IsFinite(c);

    /// <summary>Seconds of one slot per realization of the point, or null when nothing can tell yet.</summary>
    public double? SecondsPerRealization(GridPoint point)
    {
        var c = new PointCostClass(point.D, point.N);
        if (_calibrated is not null && _calibrated.TryGetValue(point, out double calibrated) && double.IsFinite(calibrated)
            && (_classScale.TryGetValue(c, out double s) ? s : _scale) is { } scale)
        {
            return calibrated * scale;
        }

        return SecondsPerRealization(c);
    }

    /// <summary>Seconds of one slot per realization of the class, from its batches or the nearest measured size; null when nothing can tell yet.</summary>
    public double? SecondsPerRealization(PointCostClass c)
    {
        if (_measured.TryGetValue(c, out double seconds))
        {
            return seconds;
        }

        PointCostClass? nearest = _measured.Keys
            .Where(m => m.D == c.D)
            .OrderBy(m => Math.Abs(Math.Log((double)m.N / c.N)))
            .Cast<PointCostClass?>()
            .FirstOrDefault();
        return nearest is { } n ? _measured[n] * Pairs(c.N) / Pairs(n.N) : null;
    }

    // N = 1 has no pairs but still costs a realization's set-up.
    private static double Pairs(int n) => Math.Max(1.0, (double)n * (n - 1));
}
