namespace Sweep.Client.Reports;

/// <summary>Equal-width bins on [lo, hi]; a value equal to hi falls in the last bin, values outside are not counted.</summary>
internal static class Histogram
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

    public static (double Low, double High) Edges(double lo, double hi, int bins, int b)
        => (lo + (hi - lo) * b / bins, lo + (hi - lo) * (b + 1) / bins);
}
