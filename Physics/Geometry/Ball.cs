namespace Sweep.Physics.Geometry;

/// <summary>Facts about the d-dimensional unit ball (r0 = 1).</summary>
public static class Ball
{
    /// <summary>V_d = pi^(d/2) / Gamma(d/2 + 1): 2, pi, 4 pi / 3 for d = 1, 2, 3.</summary>
    public static double UnitVolume(int d) => d switch
    {
        1 => 2.0,
        2 => Math.PI,
        3 => 4.0 * Math.PI / 3.0,
        _ => throw new ArgumentOutOfRangeException(nameof(d), d, "d must be 1, 2 or 3"),
    };

    /// <summary>
    /// The x at which random sequential adsorption jams in d dimensions (x = N r_b^d / r0^d):
    /// the RSA jamming coverage (0.7476, 0.547, 0.3828 for d = 1, 2, 3) times 2^d.
    /// </summary>
    public static double JammingX(int d) => d switch
    {
        1 => 1.4952,
        2 => 2.188,
        3 => 3.062,
        _ => throw new ArgumentOutOfRangeException(nameof(d), d, "d must be 1, 2 or 3"),
    };

    /// <summary>Exclusion radius r_b = r0 (x / N)^(1/d).</summary>
    public static double ExclusionRadius(int d, double x, int n) => d switch
    {
        1 => x / n,
        2 => Math.Sqrt(x / n),
        3 => Math.Cbrt(x / n),
        _ => throw new ArgumentOutOfRangeException(nameof(d), d, "d must be 1, 2 or 3"),
    };
}
