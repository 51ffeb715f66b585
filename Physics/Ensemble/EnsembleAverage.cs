namespace Sweep.Physics.Ensemble;

/// <summary>
/// Ensemble means over Ns realizations and standard errors of the mean (sample standard
/// deviation / sqrt(Ns); NaN when Ns = 1) per time point, and the mean of each realization's
/// median J_NN / J_NN,inf with its standard error.
/// </summary>
public sealed record EnsembleAverage(
    long Realizations,
    double[] Mag,
    double[] MagSem,
    double[] Pur,
    double[] PurSem,
    double JnnRatio,
    double JnnRatioSem);
