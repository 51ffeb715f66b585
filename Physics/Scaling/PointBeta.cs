namespace Sweep.Physics.Scaling;

/// <summary>The fitted beta of one observable at one grid point, with its jackknife error.</summary>
public readonly record struct PointBeta(int D, double Alpha, double X, int N, Observable Observable, double Beta, double JackknifeError);
