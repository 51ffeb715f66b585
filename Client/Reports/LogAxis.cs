using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Sweep.Client.Reports;

/// <summary>
/// ScottPlot 5 has no logarithmic scale: a log axis is drawn by plotting log10 of the values
/// and placing ticks at 10^e (and at 2 and 5 times that when the data span few decades, so a
/// short axis still has labels), labelled with the original numbers. Non-positive values have
/// no place on such an axis, so <see cref="ToLog"/> gives NaN for them and the plot leaves a gap.
/// </summary>
internal static class LogAxis
{
    public static double ToLog(double v) => v > 0 ? Math.Log10(v) : double.NaN;

    public static double[] ToLog(IEnumerable<double> values) => values.Select(ToLog).ToArray();

    /// <summary>Log ticks covering the positive <paramref name="values"/> (in original units).</summary>
    public static void Apply(IAxis axis, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(axis);
        double[] logs = values.Where(v => v > 0 && double.IsFinite(v)).Select(Math.Log10).ToArray();
        if (logs.Length == 0)
        {
            return;
        }

        // One decade of margin on each side covers the padding ScottPlot adds around the data.
        int lo = (int)Math.Floor(logs.Min()) - 1;
        int hi = (int)Math.Ceiling(logs.Max()) + 1;
        int decades = hi - lo;
        int span = decades - 2;
        int step = Math.Max(1, (int)Math.Ceiling(decades / 10.0));
        int[] labelled = span <= 1 ? [1, 2, 3, 4, 5, 6, 7, 8, 9] : span <= 3 ? [1, 2, 5] : [1];
        var ticks = new NumericManual();
        for (int e = lo; e <= hi; e++)
        {
            for (int m = 1; m <= 9; m++)
            {
                double position = Math.Log10(m) + e;
                if (labelled.Contains(m) && (m > 1 || (e - lo) % step == 0))
                {
                    ticks.AddMajor(position, Label(m, e));
                }
                else if (decades <= 12)
                {
                    ticks.AddMinor(position);
                }
            }
        }

        axis.TickGenerator = ticks;
    }

    private static string Label(int mantissa, int exponent)
    {
        if (exponent >= -3 && exponent <= 3)
        {
            return (mantissa * Math.Pow(10, exponent)).ToString("0.###", CultureInfo.InvariantCulture);
        }

        return string.Create(CultureInfo.InvariantCulture, $"{mantissa}e{exponent}");
    }
}
