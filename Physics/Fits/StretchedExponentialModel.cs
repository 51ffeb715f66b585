namespace Sweep.Physics.Fits;

/// <summary>
/// f = A exp(-(gamma t)^beta) in the fit's coordinates: parameters p = (A, ln gamma, beta) and
/// abscissa x = ln t, so that (gamma t)^beta = exp(beta (ln gamma + ln t)) never forms gamma t,
/// which over- or underflows on grids spanning dozens of decades.
/// </summary>
internal static class StretchedExponentialModel
{
    public const int ParameterCount = 3;

    /// <summary>Entries of the symmetric 3 x 3 normal matrix J'J: (0,0), (1,0), (1,1), (2,0), (2,1), (2,2).</summary>
    public const int NormalEntries = 6;

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

    /// <summary>The residual sum of squares of y against the model at (a, ln gamma, beta).</summary>
    public static double ResidualSumOfSquares(ReadOnlySpan<double> lnT, ReadOnlySpan<double> y, double a, double lnGamma, double beta)
    {
        var rss = 0.0;
        for (var i = 0; i < lnT.Length; i++)
        {
            var residual = y[i] - (a * Math.Exp(-Math.Exp(beta * (lnGamma + lnT[i]))));
            rss += residual * residual;
        }

        return rss;
    }

    /// <summary>
    /// The Gauss-Newton normal equations at (a, ln gamma, beta), summed in index order: J'J into
    /// <paramref name="normal"/> (lower triangle, see <see cref="NormalEntries"/>) and J'r, with
    /// r = y - f, into <paramref name="gradient"/>. Returns the residual sum of squares.
    /// </summary>
    public static double NormalEquations(
        ReadOnlySpan<double> lnT, ReadOnlySpan<double> y, double a, double lnGamma, double beta, Span<double> normal, Span<double> gradient)
    {
        normal[..NormalEntries].Clear();
        gradient[..ParameterCount].Clear();
        var rss = 0.0;
        for (var i = 0; i < lnT.Length; i++)
        {
            var (j0, j1, j2) = Gradient(a, lnGamma, beta, lnT[i]);
            // f = A exp(-s) = A * dA: the derivative by A is the model's shape.
            var residual = y[i] - (a * j0);
            rss += residual * residual;
            normal[0] += j0 * j0;
            normal[1] += j1 * j0;
            normal[2] += j1 * j1;
            normal[3] += j2 * j0;
            normal[4] += j2 * j1;
            normal[5] += j2 * j2;
            gradient[0] += j0 * residual;
            gradient[1] += j1 * residual;
            gradient[2] += j2 * residual;
        }

        return rss;
    }
}
