using Sweep.Physics.Ensemble;
using Sweep.Physics.Fits;

namespace Sweep.Physics.Points;

/// <summary>
/// The averaged curves of a grid point and their stretched-exponential fits. The jackknife
/// error of beta comes from refitting with each fixed block of realizations left out; it is
/// NaN (with <see cref="ObservableFit.JackknifeNote"/> saying why) when it cannot be formed.
/// </summary>
public sealed record PointAnalysis(double[] T, EnsembleAverage Average, ObservableFit Mag, ObservableFit Pur);

/// <summary>The fit of one observable and the jackknife error of its beta.</summary>
public sealed record ObservableFit(StretchedExponentialFitResult Fit, double BetaJackknifeError, int JackknifeBlocks, string? JackknifeNote);
