namespace Sweep.Physics.Scaling;

/// <summary>
/// One Fig. 2(b) point: at (d, alpha, N) the mean of beta over the XCount strongly disordered
/// x values, the standard deviation over those x (the paper's error bar; NaN for one x), the
/// error of the mean from the jackknife errors (sqrt(sum err^2) / XCount), and
/// |mean beta - d/alpha|.
/// </summary>
public sealed record DeviationEntry(
    int D,
    double Alpha,
    Observable Observable,
    int N,
    int XCount,
    double MeanBeta,
    double BetaStd,
    double MeanBetaJackknifeError,
    double Deviation);
