using Sweep.Physics.Scaling;

namespace Sweep.Grains.Interfaces;

/// <summary>
/// The campaign's finite-size scaling tables: Fig. 2(b) deviations per (d, alpha, N) and the
/// Fig. 2(c) exponents p per (d, alpha), for mag and pur, over the completed points.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ScalingTable(
    [property: Id(0)] DeviationRow[] Deviations,
    [property: Id(1)] ExponentRow[] Exponents,
    [property: Id(2)] double StrongDisorderMaxX,
    [property: Id(3)] bool Partial);

/// <summary>
/// |mean beta - d/alpha| at (d, alpha, N) for an observable: beta averaged over the
/// XCount values of x &lt;= strongDisorderMaxX, BetaStd the standard deviation over those x (the
/// paper's error bar), BetaJackknifeError the error of the mean from the points' jackknife errors.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record DeviationRow(
    [property: Id(0)] int D,
    [property: Id(1)] double Alpha,
    [property: Id(2)] Observable Observable,
    [property: Id(3)] int N,
    [property: Id(4)] int XCount,
    [property: Id(5)] double MeanBeta,
    [property: Id(6)] double BetaStd,
    [property: Id(7)] double BetaJackknifeError,
    [property: Id(8)] double Deviation);

/// <summary>
/// The fit |beta - d/alpha| = c N^-p at (d, alpha) for an observable, over the N values listed,
/// with the Ns used per N; Error says why there is no p.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ExponentRow(
    [property: Id(0)] int D,
    [property: Id(1)] double Alpha,
    [property: Id(2)] Observable Observable,
    [property: Id(3)] double BetaInf,
    [property: Id(4)] int[] N,
    [property: Id(5)] int[] Ns,
    [property: Id(6)] double P,
    [property: Id(7)] double PErr,
    [property: Id(8)] double Amplitude,
    [property: Id(9)] bool Weighted,
    [property: Id(10)] string? Error);
