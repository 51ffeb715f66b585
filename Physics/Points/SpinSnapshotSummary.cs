namespace Sweep.Physics.Points;

/// <summary>
/// What the paper's Fig. 1 draws of a <see cref="SpinSnapshot"/>, and all that is stored of it:
/// the plotted spins' curves P_i(t) (curve s at Curves[s * T.Length + k]) with their
/// nearest-neighbour couplings (in units of J_NN,inf, like the snapshot's), the weakest and
/// strongest positive coupling of all N spins (the ends of the colour scale), and the
/// <see cref="Bins"/>-bin histograms of P_i (on [-1, 1]) and P_i^2 (on [0, 1]) over all N spins
/// at each histogram time (time h, bin b at MagCounts[h * Bins + b]). Its size does not grow
/// with N: a full snapshot keeps every spin's P_i at three times, 36 MB at N = 10^6.
/// </summary>
public sealed record SpinSnapshotSummary(
    long R,
    int N,
    int[] Spins,
    double[] T,
    double[] Curves,
    double[] SpinCouplings,
    double WeakestCoupling,
    double StrongestCoupling,
    double[] HistogramTimes,
    int[] MagCounts,
    int[] PurCounts)
{
    /// <summary>Bins of each histogram, as the paper's Fig. 1 draws them.</summary>
    public const int Bins = 40;

    /// <summary>The range of the P_i histograms: P_i = sigma_x expectation lies in [-1, 1].</summary>
    public const double MagLow = -1;

    /// <summary>The lower end of the P_i^2 histograms, on [0, 1].</summary>
    public const double PurLow = 0;

    /// <summary>The upper end of both histograms; a value of exactly 1 counts in the last bin.</summary>
    public const double High = 1;

    /// <summary>P_i(t) of the s-th plotted spin on the t grid.</summary>
    public ReadOnlySpan<double> Curve(int s) => Curves.AsSpan(s * T.Length, T.Length);

    /// <summary>Spins per bin of P_i at the h-th histogram time.</summary>
    public ReadOnlySpan<int> MagHistogram(int h) => MagCounts.AsSpan(h * Bins, Bins);

    /// <summary>Spins per bin of P_i^2 at the h-th histogram time.</summary>
    public ReadOnlySpan<int> PurHistogram(int h) => PurCounts.AsSpan(h * Bins, Bins);

    /// <summary>The summary of a freshly computed snapshot.</summary>
    public static SpinSnapshotSummary Of(SpinSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Of(snapshot.R, snapshot.Spins, snapshot.T, snapshot.Curves, snapshot.HistogramTimes, snapshot.AtHistogramTimes, snapshot.NearestNeighbourCoupling);
    }

    /// <summary>
    /// The summary of a full snapshot given by its arrays (as <see cref="SpinSnapshot"/> lays
    /// them out): a snapshot computed now and one stored whole by an older build summarize alike.
    /// </summary>
    public static SpinSnapshotSummary Of(
        long r, int[] spins, double[] t, double[] curves, double[] histogramTimes, double[] atHistogramTimes, double[] nearestNeighbourCoupling)
    {
        ArgumentNullException.ThrowIfNull(spins);
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(histogramTimes);
        ArgumentNullException.ThrowIfNull(atHistogramTimes);
        ArgumentNullException.ThrowIfNull(nearestNeighbourCoupling);
        int n = nearestNeighbourCoupling.Length;
        if (atHistogramTimes.Length != histogramTimes.Length * n)
        {
            throw new ArgumentException($"{atHistogramTimes.Length} values at the histogram times, expected {histogramTimes.Length} x {n}", nameof(atHistogramTimes));
        }

        // Only positive couplings have a logarithm on the colour scale.
        double weakest = double.NaN;
        double strongest = double.NaN;
        foreach (double c in nearestNeighbourCoupling)
        {
            if (c > 0)
            {
                weakest = !(weakest <= c) ? c : weakest;
                strongest = !(strongest >= c) ? c : strongest;
            }
        }

        var mag = new int[histogramTimes.Length * Bins];
        var pur = new int[histogramTimes.Length * Bins];
        for (int h = 0; h < histogramTimes.Length; h++)
        {
            ArraySegment<double> at = new(atHistogramTimes, h * n, n);
            SpinHistogram.Count(at, MagLow, High, Bins).CopyTo(mag, h * Bins);
            SpinHistogram.Count(at.Select(p => p * p), PurLow, High, Bins).CopyTo(pur, h * Bins);
        }

        double[] spinCouplings = spins.Select(i => nearestNeighbourCoupling[i]).ToArray();
        return new SpinSnapshotSummary(r, n, spins, t, curves, spinCouplings, weakest, strongest, histogramTimes, mag, pur);
    }
}
