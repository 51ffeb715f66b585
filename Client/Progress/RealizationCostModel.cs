using Sweep.Grains.Interfaces;

namespace Sweep.Client.Progress;

/// <summary>
/// Seconds of one slot per realization, by <see cref="PointCostClass"/>: learned from the batches
/// this run has computed (their compute time, summed over the points of the class), seeded for
/// classes not computed yet by a one-core calibration (`sweep estimate`'s), corrected by how far
/// the calibration was off on the classes already measured. Without a calibration, an
/// unmeasured class is scaled from the nearest measured size of its dimension by the count of
/// spin pairs N(N-1): an upper bound for the accelerated kernels, a lower one for tiny systems.
/// </summary>
internal sealed class RealizationCostModel
{
    // Fewer than this many realizations of a class say little about its cost (a first batch
    // also carries the Fig. 1 snapshot and the JIT's warm-up).
    private const long MinimumRealizations = 8;

    private readonly Dictionary<PointCostClass, double> _measured;
    private readonly IReadOnlyDictionary<PointCostClass, double>? _calibrated;
    private readonly double _calibrationScale;

    private RealizationCostModel(Dictionary<PointCostClass, double> measured, IReadOnlyDictionary<PointCostClass, double>? calibrated)
    {
        _measured = measured;
        _calibrated = calibrated;
        double[] ratios = calibrated is null ? []
            : measured.Where(m => calibrated.TryGetValue(m.Key, out double c) && c > 0).Select(m => m.Value / calibrated[m.Key]).Order().ToArray();
        _calibrationScale = ratios.Length == 0 ? 1 : ratios[ratios.Length / 2];
    }

    /// <summary>Classes whose cost was measured in this run.</summary>
    public int MeasuredClasses => _measured.Count;

    /// <param name="points">The campaign's point summaries (their computed realizations and compute seconds).</param>
    /// <param name="calibrated">Seconds per realization on one core by class, or null.</param>
    public static RealizationCostModel Learn(IEnumerable<PointSummary> points, IReadOnlyDictionary<PointCostClass, double>? calibrated = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        var measured = points
            .Where(p => p.RealizationsComputed > 0 && p.ComputeSeconds > 0)
            .GroupBy(p => new PointCostClass(p.Key.D, p.Key.N))
            .Select(g => (Class: g.Key, Realizations: g.Sum(p => p.RealizationsComputed), Seconds: g.Sum(p => p.ComputeSeconds)))
            .Where(c => c.Realizations >= MinimumRealizations)
            .ToDictionary(c => c.Class, c => c.Seconds / c.Realizations);
        return new RealizationCostModel(measured, calibrated);
    }

    /// <summary>Seconds of one slot per realization of the class, or null when nothing can tell yet.</summary>
    public double? SecondsPerRealization(PointCostClass c)
    {
        if (_measured.TryGetValue(c, out double seconds))
        {
            return seconds;
        }

        if (_calibrated is not null && _calibrated.TryGetValue(c, out double calibrated) && double.IsFinite(calibrated))
        {
            return calibrated * _calibrationScale;
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
