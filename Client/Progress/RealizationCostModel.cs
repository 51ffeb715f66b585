using Sweep.Grains.Interfaces;
using Sweep.Physics.Points;

namespace Sweep.Client.Progress;

/// <summary>
/// Seconds of one slot per realization of a point. With a per-point calibration (one core's CPU
/// seconds, `Estimate.PointCalibration`): the calibrated price times how the slots' measured
/// time compares with the calibration on the work already computed, within the point's
/// (d, N) class once the class has computed enough, else over all computed work. The ratio
/// carries the machine's load and what a batch costs beyond its kernel, the calibration the
/// differences between points of one class (alpha and x). Without a calibration (or for a point
/// it did not time), the class's measured mean, and for a class not computed yet the nearest
/// measured size of its dimension scaled by the count of spin pairs N(N-1): an upper bound for
/// the accelerated kernels, a lower one for tiny systems.
/// </summary>
internal sealed class RealizationCostModel
{
    // Fewer than this many realizations of a class say little about its cost (a first batch
    // also carries the Fig. 1 snapshot and the JIT's warm-up).
    private const long MinimumRealizations = 8;

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
    public static RealizationCostModel Learn(IEnumerable<PointSummary> points, IReadOnlyDictionary<GridPoint, double>? calibrated = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        PointSummary[] computed = [.. points.Where(p => p.RealizationsComputed > 0 && p.ComputeSeconds > 0)];
        var measured = computed
            .GroupBy(p => new PointCostClass(p.Key.D, p.Key.N))
            .Select(g => (Class: g.Key, Realizations: g.Sum(p => p.RealizationsComputed), Seconds: g.Sum(p => p.ComputeSeconds)))
            .Where(c => c.Realizations >= MinimumRealizations)
            .ToDictionary(c => c.Class, c => c.Seconds / c.Realizations);

        var classScale = new Dictionary<PointCostClass, double>();
        double? scale = null;
        if (calibrated is not null)
        {
            var priced = computed
                .Where(p => calibrated.TryGetValue(p.Key.Point, out double c) && c > 0 && double.IsFinite(c))
                .Select(p => (Class: new PointCostClass(p.Key.D, p.Key.N), p.RealizationsComputed, p.ComputeSeconds, Calibrated: p.RealizationsComputed * calibrated[p.Key.Point]))
                .ToArray();
            foreach (var g in priced.GroupBy(p => p.Class).Where(g => g.Sum(p => p.RealizationsComputed) >= MinimumRealizations))
            {
                classScale[g.Key] = g.Sum(p => p.ComputeSeconds) / g.Sum(p => p.Calibrated);
            }

            if (priced.Sum(p => p.RealizationsComputed) >= MinimumRealizations)
            {
                scale = priced.Sum(p => p.ComputeSeconds) / priced.Sum(p => p.Calibrated);
            }
        }

        return new RealizationCostModel(measured, calibrated, classScale, scale);
    }

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
