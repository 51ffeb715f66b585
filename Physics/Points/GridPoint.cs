using System.Globalization;
using Sweep.Physics.Geometry;

namespace Sweep.Physics.Points;

/// <summary>One point (d, alpha, x, N) of a sweep: dimension, coupling power, disorder x = N r_b^d / r0^d, spins.</summary>
public readonly record struct GridPoint(int D, double Alpha, double X, int N)
{
    /// <summary>A short, stable text form, e.g. "d=3 alpha=6 x=0.0001 N=100".</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"d={D} alpha={Alpha:R} x={X:R} N={N}");

    /// <summary>
    /// The first problem with these parameters as (field, reason), or null when they are valid.
    /// Field names are d, alpha, x, N.
    /// </summary>
    public (string Field, string Reason)? Problem()
    {
        if (D < 1 || D > 3)
        {
            return ("d", $"must be 1, 2 or 3 (got {D})");
        }

        if (double.IsNaN(Alpha) || double.IsInfinity(Alpha))
        {
            return ("alpha", $"must be a finite number (got {Alpha.ToString(CultureInfo.InvariantCulture)})");
        }

        if (Alpha < D)
        {
            return ("alpha", string.Create(CultureInfo.InvariantCulture, $"must be at least d = {D} (got {Alpha:R})"));
        }

        if (N < 2)
        {
            return ("N", $"must be at least 2 (got {N})");
        }

        if (double.IsNaN(X) || double.IsInfinity(X))
        {
            return ("x", $"must be a finite number (got {X.ToString(CultureInfo.InvariantCulture)})");
        }

        if (X <= 0)
        {
            return ("x", string.Create(CultureInfo.InvariantCulture, $"must be positive (got {X:R})"));
        }

        double jam = Ball.JammingX(D);
        if (X >= jam)
        {
            return ("x", string.Create(
                CultureInfo.InvariantCulture,
                $"{X:R} is at or past RSA jamming (x ~ {jam:R} in {D}D): positions cannot be placed"));
        }

        return null;
    }
}
