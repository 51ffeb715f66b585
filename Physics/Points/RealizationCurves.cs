namespace Sweep.Physics.Points;

/// <summary>
/// One realization on the t grid: mag(t), pur(t), its median J_NN over J_NN,inf, and the raw
/// times tau it was evaluated at (t divided by the realization's time unit).
/// </summary>
public sealed record RealizationCurves(long R, double[] Mag, double[] Pur, double JnnRatio, double[] Tau);
