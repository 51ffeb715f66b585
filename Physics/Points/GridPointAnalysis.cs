using Sweep.Physics.Analytic;
using Sweep.Physics.Ensemble;
using Sweep.Physics.Fits;
using Sweep.Physics.Time;

namespace Sweep.Physics.Points;

/// <summary>Averages, fits and jackknife errors of a grid point from its exact ensemble sums.</summary>
public static class GridPointAnalysis
{
    /// <summary>
    /// Analyzes a point; a failed fit is part of the result, never an exception. With more than
    /// one worker the two observables and their leave-one-block-out fits run in parallel; every
    /// fit is independent, so the result does not depend on the number of workers.
    /// </summary>
    public static PointAnalysis Analyze(GridPoint point, PointSettings settings, double[] t, EnsembleAccumulator sums, int workers = 1)
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

        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) };
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

            var partials = new StretchedExponentialFitResult[leaveOut.Count];
            Parallel.For(0, partials.Length, options, b => partials[b] = StretchedExponentialFit.Fit(t, pick(leaveOut[b]), settings.Window, fit.Gamma, fit.Beta));
            if (partials.FirstOrDefault(p => !p.IsSuccess) is { } failed)
            {
                return new ObservableFit(fit, double.NaN, leaveOut.Count, "no jackknife: a leave-one-block-out fit failed: " + failed.Reason);
            }

            var betas = partials.Select(p => p.Beta).ToList();
            return new ObservableFit(fit, Jackknife.StandardError(betas), leaveOut.Count, null);
        }

        var fits = new ObservableFit[2];
        Parallel.For(0, 2, options, o => fits[o] = o == 0 ? FitOne(average.Mag, c => c.Mag, gammaM0) : FitOne(average.Pur, c => c.Pur, gammaP0));
        return new PointAnalysis(t, average, fits[0], fits[1]);
    }
}
