namespace Sweep.Physics.Points;

/// <summary>
/// Equal-width bins on [lo, hi]; a value equal to hi falls in the last bin, values outside (and
/// NaN) are not counted. The Fig. 1 histograms are counted here both when a snapshot is
/// summarized for storage and when an old full snapshot is summarized for drawing, so the two
/// give the same counts.
/// </summary>
public static class SpinHistogram
{
    public static int[] Count(IEnumerable<double> values, double lo, double hi, int bins)
    {
        ArgumentNullException.ThrowIfNull(values);
        var counts = new int[bins];
        foreach (double v in values)
        {
            if (!(v >= lo && v <= hi))
            {
                continue;
            }

            int b = (int)Math.Floor((v - lo) / (hi - lo) * bins);
            counts[Math.Min(b, bins - 1)]++;
        }

        return counts;
    }

    /// <summary>The lower and upper edge of bin <paramref name="b"/>.</summary>
    public static (double Low, double High) Edges(double lo, double hi, int bins, int b)
        => (lo + (hi - lo) * b / bins, lo + (hi - lo) * (b + 1) / bins);
}
