namespace Sweep.Grains.Interfaces;

/// <summary>
/// The Fig. 1 single-spin data of realization R of a point, as stored: P_i(t) on the point's t
/// grid for the listed spins (curve s at Curves[s * T.Length + k]), P_i of all N spins at the
/// histogram times (time h at AtHistogramTimes[h * N + i]), and each spin's largest coupling
/// in units of J_NN,inf. Times are in the campaign's time unit.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record SpinSnapshotData(
    [property: Id(0)] long R,
    [property: Id(1)] int[] Spins,
    [property: Id(2)] double[] T,
    [property: Id(3)] double[] Curves,
    [property: Id(4)] double[] HistogramTimes,
    [property: Id(5)] double[] AtHistogramTimes,
    [property: Id(6)] double[] NearestNeighbourCoupling)
{
    public int N => NearestNeighbourCoupling.Length;

    /// <summary>P_i(t) of the s-th listed spin on the t grid.</summary>
    public ReadOnlySpan<double> Curve(int s) => Curves.AsSpan(s * T.Length, T.Length);

    /// <summary>P_i of every spin at the h-th histogram time.</summary>
    public ReadOnlySpan<double> AtTime(int h) => AtHistogramTimes.AsSpan(h * N, N);
}
