using MathNet.Numerics;
using Sweep.Physics.Geometry;

namespace Sweep.Physics.Analytic;

/// <summary>
/// The N -> infinity, r_b -> 0 limit at fixed density n (C = 1):
/// mag = exp(-(gamma_m tau)^beta), pur = exp(-(gamma_p tau)^beta), beta = d / alpha.
/// Rates are in units of 1/tau unless the name says "OverJnn" (then in units of J_NN,inf).
/// </summary>
public static class ThermodynamicLimit
{
    // Below this alpha - d the Gamma-times-sine product is replaced by its limit pi/2,
    // which it matches there to far better than double precision needs.
    private const double LimitTolerance = 1e-12;

    /// <summary>beta = d / alpha.</summary>
    public static double Beta(int d, double alpha) => d / alpha;

    /// <summary>R = Gamma((alpha - d) / alpha) sin(pi (alpha - d) / (2 alpha)), with R = pi/2 at alpha = d.</summary>
    public static double RateFactor(int d, double alpha)
    {
        Validate(d, alpha);
        double eps = (alpha - d) / alpha;
        if (eps < LimitTolerance)
        {
            return Math.PI / 2;
        }

        return SpecialFunctions.Gamma(eps) * Math.Sin(Math.PI * eps / 2);
    }

    /// <summary>kappa = pi^(d/2) n (2C)^(d/alpha) / Gamma(d/2 + 1).</summary>
    public static double Kappa(int d, double alpha, double density)
        => Ball.UnitVolume(d) * density * Math.Pow(2.0, d / alpha);

    /// <summary>gamma_m = (kappa R)^(alpha/d), in 1/tau.</summary>
    public static double GammaM(int d, double alpha, double density)
        => Math.Pow(Kappa(d, alpha, density) * RateFactor(d, alpha), alpha / d);

    /// <summary>gamma_p = 2^(1 - alpha/d) gamma_m, in 1/tau.</summary>
    public static double GammaP(int d, double alpha, double density)
        => PurityRatio(d, alpha) * GammaM(d, alpha, density);

    /// <summary>J_NN,inf = C (n V_d / ln 2)^(alpha/d): the median nearest-neighbour coupling of an ideal gas.</summary>
    public static double JnnInf(int d, double alpha, double density)
        => Math.Pow(density * Ball.UnitVolume(d) / Math.Log(2.0), alpha / d);

    /// <summary>J_NN,inf of N spins in the unit ball (n V_d = N).</summary>
    public static double JnnInf(int d, double alpha, int n)
    {
        Validate(d, alpha);
        return Math.Pow(n / Math.Log(2.0), alpha / d);
    }

    /// <summary>gamma_m / J_NN,inf = 2 (ln 2 R)^(alpha/d): independent of density.</summary>
    public static double GammaMOverJnn(int d, double alpha)
        => 2.0 * Math.Pow(Math.Log(2.0) * RateFactor(d, alpha), alpha / d);

    /// <summary>gamma_p / J_NN,inf.</summary>
    public static double GammaPOverJnn(int d, double alpha) => PurityRatio(d, alpha) * GammaMOverJnn(d, alpha);

    /// <summary>Analytic mag at t in units of J_NN,inf.</summary>
    public static double Mag(int d, double alpha, double t) => Math.Exp(-Math.Pow(GammaMOverJnn(d, alpha) * t, Beta(d, alpha)));

    /// <summary>Analytic pur at t in units of J_NN,inf.</summary>
    public static double Pur(int d, double alpha, double t) => Math.Exp(-Math.Pow(GammaPOverJnn(d, alpha) * t, Beta(d, alpha)));

    private static double PurityRatio(int d, double alpha) => Math.Pow(2.0, 1.0 - alpha / d);

    private static void Validate(int d, double alpha)
    {
        if (d < 1 || d > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(d), d, "d must be 1, 2 or 3");
        }

        if (!(alpha >= d) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be finite and at least d");
        }
    }
}
