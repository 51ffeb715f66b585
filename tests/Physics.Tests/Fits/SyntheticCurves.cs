namespace Sweep.Physics.Tests.Fits;

/// <summary>Stretched exponentials on the time grid of docs/model.md: log-spaced from f = 0.9995 to f = 1e-3.</summary>
internal static class SyntheticCurves
{
    public static double[] Grid(double gamma, double beta, int points = 200)
    {
        var lnA = (Math.Log(-Math.Log(0.9995)) / beta) - Math.Log(gamma);
        var lnB = (Math.Log(Math.Log(1000.0)) / beta) - Math.Log(gamma);
        var t = new double[points];
        for (var k = 0; k < points; k++)
        {
            t[k] = Math.Exp(lnA + (k * (lnB - lnA) / (points - 1)));
        }

        return t;
    }

    public static double[] Curve(double[] t, double a, double gamma, double beta, SeededGaussian? noise = null, double sigma = 0.0)
    {
        var f = new double[t.Length];
        for (var k = 0; k < t.Length; k++)
        {
            f[k] = (a * Math.Exp(-Math.Pow(gamma * t[k], beta))) + (noise?.Next(sigma) ?? 0.0);
        }

        return f;
    }
}
