namespace Sweep.Physics.Fits;

/// <summary>
/// A starting point for the stretched-exponential fit that needs no prior knowledge: with A = 1,
/// ln(-ln f) = beta ln gamma + beta ln t is a straight line in ln t. It is biased when A differs
/// from 1 but lands close enough for Levenberg-Marquardt when the caller's start does not.
/// </summary>
internal static class LinearisedStart
{
    /// <returns>(ln gamma, beta), or null when the curve gives no usable line.</returns>
    public static (double LnGamma, double Beta)? Estimate(ReadOnlySpan<double> lnT, ReadOnlySpan<double> f)
    {
        var x = new double[lnT.Length];
        var y = new double[lnT.Length];
        var n = 0;
        for (var i = 0; i < lnT.Length; i++)
        {
            // Only 0 < f < 1 has a real ln(-ln f).
            if (f[i] > 0.0 && f[i] < 1.0)
            {
                x[n] = lnT[i];
                y[n] = Math.Log(-Math.Log(f[i]));
                n++;
            }
        }

        if (n < 2)
        {
            return null;
        }

        var line = StraightLineFit.Fit(x.AsSpan(0, n), y.AsSpan(0, n), []);
        var beta = line.Slope;
        var lnGamma = line.Intercept / beta;
        if (!(beta > 0.0) || !double.IsFinite(beta) || !double.IsFinite(lnGamma))
        {
            return null;
        }

        return (lnGamma, beta);
    }
}
