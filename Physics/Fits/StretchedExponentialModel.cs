using MathNet.Numerics.LinearAlgebra;

namespace Sweep.Physics.Fits;

/// <summary>
/// f = A exp(-(gamma t)^beta) in the fit's coordinates: parameters p = (A, ln gamma, beta) and
/// abscissa x = ln t, so that (gamma t)^beta = exp(beta (ln gamma + ln t)) never forms gamma t,
/// which over- or underflows on grids spanning dozens of decades.
/// </summary>
internal static class StretchedExponentialModel
{
    public const int ParameterCount = 3;

    public static Vector<double> Values(Vector<double> p, Vector<double> lnT)
    {
        var values = Vector<double>.Build.Dense(lnT.Count);
        for (var i = 0; i < lnT.Count; i++)
        {
            values[i] = p[0] * Math.Exp(-Math.Exp(p[2] * (p[1] + lnT[i])));
        }

        return values;
    }

    public static Matrix<double> Jacobian(Vector<double> p, Vector<double> lnT)
    {
        var jacobian = Matrix<double>.Build.Dense(lnT.Count, ParameterCount);
        for (var i = 0; i < lnT.Count; i++)
        {
            var (dA, dLnGamma, dBeta) = Gradient(p[0], p[1], p[2], lnT[i]);
            jacobian[i, 0] = dA;
            jacobian[i, 1] = dLnGamma;
            jacobian[i, 2] = dBeta;
        }

        return jacobian;
    }

    public static (double DA, double DLnGamma, double DBeta) Gradient(double a, double lnGamma, double beta, double lnT)
    {
        var z = lnGamma + lnT;
        var s = Math.Exp(beta * z);
        var e = Math.Exp(-s);

        // Once exp(-s) underflows, s may be infinite and s * e would be inf * 0 = NaN; the true
        // derivatives vanish there.
        if (e == 0.0)
        {
            return (0.0, 0.0, 0.0);
        }

        var aes = a * e * s;
        return (e, -aes * beta, -aes * z);
    }
}
