using Sweep.Physics.Fits;

namespace Sweep.Physics.Scaling;

/// <summary>One Fig. 2(c) entry: the fit |beta - d/alpha| ~ c N^-p for (d, alpha) and an observable.</summary>
public sealed record ExponentEntry(int D, double Alpha, Observable Observable, double BetaInf, int[] N, PowerLawFitResult Fit);
