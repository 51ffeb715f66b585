using Sweep.Physics.Analytic;
using Sweep.Physics.Ensemble;
using Sweep.Physics.Fits;
using Sweep.Physics.Time;

namespace Sweep.Physics.Points;

/// <summary>Averages, fits and jackknife errors of a grid point from its exact ensemble sums.</summary>
public static class GridPointAnalysis
{
    /// <summary>Analyzes a point; a failed fit is part of the result, never an exception.</summary>
    public static PointAnalysis Analyze(GridPoint point, PointSettings settings, double[] t, EnsembleAccumulator sums)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(sums);
        EnsembleAverage average = sums.Average();
        // The analytic rates are in units of J_NN,inf; per-realization time is in units of the
        // median J_NN, which is J_NN,inf times the measured ratio.
        double unitScale = settings.TimeUnit == TimeUnit.Common || !(average.JnnRatio > 0) ? 1.0 : 1.0 / average.JnnRatio;
        double beta0 = ThermodynamicLimit.Beta(point.D, point.Alpha);
        double gammaM0 = ThermodynamicLimit.GammaMOverJnn(point.D, point.Alpha) * unitScale;
        double gammaP0 = ThermodynamicLimit.GammaPOverJnn(point.D, point.Alpha) * unitScale;

        var leaveOut = new List<(double[] Mag, double[] Pur)>();
        for (int b = 0; b < EnsembleAccumulator.Blocks; b++)
        {
            if (sums.MeanWithoutBlock(b) is { } curves)
            {
                leaveOut.Add(curves);
            }
        }

        ObservableFit FitOne(double[] mean, Func<(double[] Mag, double[] Pur), double[]> pick, double gamma0)
        {
            StretchedExponentialFitResult fit = StretchedExponentialFit.Fit(t, mean, settings.Window, gamma0, beta0);
            if (!fit.IsSuccess)
            {
                return new ObservableFit(fit, double.NaN, leaveOut.Count, "no jackknife: the fit of the mean failed");
            }

            if (leaveOut.Count < 2)
            {
                return new ObservableFit(fit, double.NaN, leaveOut.Count, $"no jackknife: only {leaveOut.Count} non-empty realization blocks (needs Ns >= 2)");
            }

            var betas = new List<double>(leaveOut.Count);
            foreach (var curves in leaveOut)
            {
                StretchedExponentialFitResult partial = StretchedExponentialFit.Fit(t, pick(curves), settings.Window, fit.Gamma, fit.Beta);
                if (!partial.IsSuccess)
                {
                    return new ObservableFit(fit, double.NaN, leaveOut.Count, "no jackknife: a leave-one-block-out fit failed: " + partial.Reason);
                }

                betas.Add(partial.Beta);
            }

            return new ObservableFit(fit, Jackknife.StandardError(betas), leaveOut.Count, null);
        }

        return new PointAnalysis(
            t,
            average,
            FitOne(average.Mag, c => c.Mag, gammaM0),
            FitOne(average.Pur, c => c.Pur, gammaP0));
    }
}
