namespace Sweep.Physics.Fits;

/// <summary>
/// Weighted least-squares line y = a + b x. Sums are taken about the weighted mean of x so that
/// abscissae far from zero (logarithms of large times or sizes) do not cancel catastrophically.
/// The variances are the unscaled (X'WX)^-1 entries; callers decide how to scale them.
/// </summary>
internal static class StraightLineFit
{
    /// <param name="x">Abscissae.</param>
    /// <param name="y">Ordinates.</param>
    /// <param name="w">Weights, or empty for unit weights.</param>
    public static Line Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> w)
    {
        var sw = 0.0;
        var swx = 0.0;
        var swy = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var wi = w.IsEmpty ? 1.0 : w[i];
            sw += wi;
            swx += wi * x[i];
            swy += wi * y[i];
        }

        var xMean = swx / sw;
        var yMean = swy / sw;
        var sxx = 0.0;
        var sxy = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var wi = w.IsEmpty ? 1.0 : w[i];
            var dx = x[i] - xMean;
            sxx += wi * dx * dx;
            sxy += wi * dx * (y[i] - yMean);
        }

        var slope = sxy / sxx;
        var intercept = yMean - (slope * xMean);
        var chiSquare = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var wi = w.IsEmpty ? 1.0 : w[i];
            var r = y[i] - intercept - (slope * x[i]);
            chiSquare += wi * r * r;
        }

        return new Line(intercept, slope, (1.0 / sw) + (xMean * xMean / sxx), 1.0 / sxx, chiSquare);
    }

    /// <param name="Intercept">a.</param>
    /// <param name="Slope">b.</param>
    /// <param name="InterceptVariance">Unscaled variance of a.</param>
    /// <param name="SlopeVariance">Unscaled variance of b.</param>
    /// <param name="ChiSquare">Weighted residual sum of squares.</param>
    internal readonly record struct Line(
        double Intercept,
        double Slope,
        double InterceptVariance,
        double SlopeVariance,
        double ChiSquare);
}
