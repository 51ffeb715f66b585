using Sweep.Physics.Analytic;
using Sweep.Physics.Fits;

namespace Sweep.Physics.Scaling;

/// <summary>
/// The finite-size scaling analysis of the paper's Fig. 2(b) and 2(c): beta averaged over the
/// strongly disordered x values per (d, alpha, N), its deviation from d/alpha, and the power
/// law |beta - d/alpha| ~ N^-p fitted over N with the jackknife errors as weights.
/// </summary>
public static class FiniteSizeScaling
{
    public static (IReadOnlyList<DeviationEntry> Deviations, IReadOnlyList<ExponentEntry> Exponents) Build(
        IEnumerable<PointBeta> betas, double strongDisorderMaxX)
    {
        ArgumentNullException.ThrowIfNull(betas);
        var deviations = betas
            .Where(b => b.X <= strongDisorderMaxX && double.IsFinite(b.Beta))
            .GroupBy(b => (b.D, b.Alpha, b.Observable, b.N))
            .OrderBy(g => g.Key.D).ThenBy(g => g.Key.Alpha).ThenBy(g => g.Key.Observable).ThenBy(g => g.Key.N)
            .Select(g => Deviation(g.Key.D, g.Key.Alpha, g.Key.Observable, g.Key.N, g.OrderBy(b => b.X).ToList()))
            .ToList();

        var exponents = deviations
            .GroupBy(e => (e.D, e.Alpha, e.Observable))
            .Select(g =>
            {
                var rows = g.OrderBy(e => e.N).ToList();
                PowerLawFitResult fit = PowerLawFit.Fit(
                    rows.Select(r => (double)r.N).ToList(),
                    rows.Select(r => r.Deviation).ToList(),
                    rows.Select(r => r.MeanBetaJackknifeError).ToList());
                return new ExponentEntry(g.Key.D, g.Key.Alpha, g.Key.Observable, ThermodynamicLimit.Beta(g.Key.D, g.Key.Alpha), rows.Select(r => r.N).ToArray(), fit);
            })
            .ToList();
        return (deviations, exponents);
    }

    private static DeviationEntry Deviation(int d, double alpha, Observable observable, int n, List<PointBeta> byX)
    {
        int k = byX.Count;
        double mean = 0;
        foreach (PointBeta b in byX)
        {
            mean += b.Beta;
        }

        mean /= k;
        double std = double.NaN;
        if (k > 1)
        {
            double s2 = 0;
            foreach (PointBeta b in byX)
            {
                s2 += (b.Beta - mean) * (b.Beta - mean);
            }

            std = Math.Sqrt(s2 / (k - 1));
        }

        double err2 = 0;
        foreach (PointBeta b in byX)
        {
            err2 += b.JackknifeError * b.JackknifeError;
        }

        return new DeviationEntry(d, alpha, observable, n, k, mean, std, Math.Sqrt(err2) / k, Math.Abs(mean - ThermodynamicLimit.Beta(d, alpha)));
    }
}
