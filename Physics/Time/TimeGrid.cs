using Sweep.Physics.Analytic;

namespace Sweep.Physics.Time;

/// <summary>
/// The log-spaced grid of dimensionless times t (in units of a nearest-neighbour coupling) for
/// (d, alpha): from where the analytic mag is 0.9995 to where the analytic pur is 1e-3. The same
/// t grid serves both time-unit conventions.
/// </summary>
public static class TimeGrid
{
    /// <summary>Default number of time points.</summary>
    public const int DefaultPoints = 200;

    /// <summary>Analytic mag at the first point.</summary>
    public const double FirstMag = 0.9995;

    /// <summary>Analytic pur at the last point.</summary>
    public const double LastPur = 1e-3;

    /// <summary>t_k = exp(ln t_a + k (ln t_b - ln t_a) / (T - 1)), k = 0 .. T-1.</summary>
    public static double[] Create(int d, double alpha, int points = DefaultPoints)
    {
        if (points < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, "the time grid needs at least 2 points");
        }

        double power = alpha / d;
        double ta = Math.Pow(-Math.Log(FirstMag), power) / ThermodynamicLimit.GammaMOverJnn(d, alpha);
        double tb = Math.Pow(-Math.Log(LastPur), power) / ThermodynamicLimit.GammaPOverJnn(d, alpha);
        double lnA = Math.Log(ta);
        double step = (Math.Log(tb) - lnA) / (points - 1);
        var t = new double[points];
        for (int k = 0; k < points; k++)
        {
            t[k] = Math.Exp(lnA + k * step);
        }

        return t;
    }

    /// <summary>The raw times tau = t / unit for one realization, where unit is J_NN,inf or its median J_NN.</summary>
    public static double[] ToTau(ReadOnlySpan<double> t, double unitCoupling)
    {
        var tau = new double[t.Length];
        ToTau(t, unitCoupling, tau);
        return tau;
    }

    /// <summary>As above, into <paramref name="tau"/> (as long as <paramref name="t"/>).</summary>
    public static void ToTau(ReadOnlySpan<double> t, double unitCoupling, Span<double> tau)
    {
        if (tau.Length != t.Length)
        {
            throw new ArgumentException($"tau has {tau.Length} points but t has {t.Length}; they must match", nameof(tau));
        }

        for (int k = 0; k < t.Length; k++)
        {
            tau[k] = t[k] / unitCoupling;
        }
    }
}
