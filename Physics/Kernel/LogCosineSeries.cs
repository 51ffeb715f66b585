namespace Sweep.Physics.Kernel;

/// <summary>
/// The Maclaurin series log cos x = sum_{n>=1} c_n x^(2n), valid for |x| &lt; pi/2, and a rigorous
/// bound on what is left after M terms.
/// <para>
/// The coefficients come from tan: log cos x = -integral of tan, and tan' = 1 + tan^2 gives for
/// tan x = sum t_n x^(2n-1) the recurrence (2n-1) t_n = [n = 1] + sum_{j=1}^{n-1} t_j t_(n-j), all
/// terms positive (no cancellation, so every coefficient is accurate to a few ulp), and
/// c_n = -t_n / (2n). In closed form |c_n| = lambda(2n) (2/pi)^(2n) / n with
/// lambda(s) = sum over odd k of k^-s, which decreases in s. Hence for n &gt; M and r = (2x/pi)^2:
/// |c_n| x^(2n) &lt;= lambda(2M+2) r^n / (M+1) = |c_(M+1)| x^(2M+2) r^(n-M-1), and the remainder
/// R_M(x) = sum_{n&gt;M} |c_n| x^(2n) is at most |c_(M+1)| x^(2M+2) / (1 - r).
/// </para>
/// </summary>
internal static class LogCosineSeries
{
    /// <summary>The most terms the accelerated kernel uses.</summary>
    internal const int MaxTerms = 40;

    // |c_n| at index n = 1 .. MaxTerms + 1 (index 0 unused): one more than the series uses, for the bound.
    private static readonly double[] Magnitudes = ComputeMagnitudes(MaxTerms + 1);

    /// <summary>c_n for n = 1 .. <see cref="MaxTerms"/> + 1.</summary>
    internal static double Coefficient(int n)
    {
        if (n < 1 || n > MaxTerms + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"the series is kept for n = 1 .. {MaxTerms + 1}");
        }

        return -Magnitudes[n];
    }

    /// <summary>
    /// An upper bound on R_M(x) = sum_{n&gt;M} |c_n| x^(2n) for 0 &lt;= x &lt; pi/2, including a margin
    /// for the rounding of this evaluation and of the coefficient. M = 0 bounds the whole of
    /// -log cos x (the inequality above holds from n = 1).
    /// </summary>
    internal static double RemainderBound(int terms, double x)
    {
        if (terms < 0 || terms > MaxTerms)
        {
            throw new ArgumentOutOfRangeException(nameof(terms), terms, $"must lie in [0, {MaxTerms}]");
        }

        if (!(x >= 0 && x < 1.5))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "the bound is kept for 0 <= x < 1.5");
        }

        double x2 = x * x;
        double power = 1.0;
        for (int n = 0; n <= terms; n++)
        {
            power *= x2;
        }

        double r = 4.0 * x2 / (Math.PI * Math.PI);
        // 1e-9 covers the few-ulp rounding here and in the coefficient many times over.
        return Magnitudes[terms + 1] * power / (1.0 - r) * (1.0 + 1e-9);
    }

    private static double[] ComputeMagnitudes(int count)
    {
        var t = new double[count + 1];
        var magnitude = new double[count + 1];
        for (int n = 1; n <= count; n++)
        {
            double sum = n == 1 ? 1.0 : 0.0;
            for (int j = 1; j < n; j++)
            {
                sum += t[j] * t[n - j];
            }

            t[n] = sum / ((2 * n) - 1);
            magnitude[n] = t[n] / (2 * n);
        }

        return magnitude;
    }
}
