using Sweep.Physics.Random;

namespace Sweep.Physics.Geometry;

/// <summary>
/// Random sequential adsorption of N spins in the d-dimensional unit ball with exclusion
/// radius r_b = (x / N)^(1/d): candidates uniform in the ball, rejected when closer than r_b
/// (centre to centre) to a spin already placed.
/// </summary>
/// <remarks>
/// Candidates are drawn uniformly in the cube [-1, 1)^d and kept inside the ball, which gives
/// the uniform distribution in the ball from additions and multiplications alone; together with
/// an exclusion test on |r|^(2d) &lt; (x/N)^2, no libm function decides a position, so the same
/// seed places the same spins on every machine.
/// </remarks>
public static class RsaSampler
{
    /// <summary>Attempts allowed per spin before RSA is declared jammed.</summary>
    public const long AttemptsPerSpin = 20_000;

    /// <summary>Attempts allowed in total at least, for small N.</summary>
    public const long MinimumAttempts = 2_000_000;

    /// <summary>Places N spins; positions are N consecutive d-tuples.</summary>
    public static double[] Sample(int d, int n, double x, Xoshiro256StarStar rng)
    {
        var positions = new double[Math.Max(n, 0) * Math.Clamp(d, 1, 3)];
        Sample(d, n, x, rng, positions);
        return positions;
    }

    /// <summary>As above, into <paramref name="positions"/> (N d doubles).</summary>
    public static void Sample(int d, int n, double x, Xoshiro256StarStar rng, Span<double> positions)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (d < 1 || d > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(d), d, "d must be 1, 2 or 3");
        }

        if (n < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "N must be at least 1");
        }

        if (!(x > 0) || double.IsInfinity(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "x must be a positive finite number");
        }

        if (positions.Length != n * d)
        {
            throw new ArgumentException($"positions has {positions.Length} doubles but N d = {n * d}; they must match", nameof(positions));
        }

        double density = x / n;
        double exclusion = density * density; // r_b^(2d)
        using var grid = new CellGrid(d, n, Ball.ExclusionRadius(d, x, n));
        Span<double> candidate = stackalloc double[3];
        long maxAttempts = Math.Max(MinimumAttempts, AttemptsPerSpin * n);
        long attempts = 0;
        int placed = 0;
        while (placed < n)
        {
            if (attempts++ >= maxAttempts)
            {
                throw new RsaJammedException(
                    $"RSA jammed: placed {placed} of {n} spins after {maxAttempts} attempts at x = {x:R} (d = {d}); " +
                    $"x is at or past the jamming limit (about {Ball.JammingX(d):0.##} in {d}D): choose a smaller x");
            }

            double r2 = 0;
            for (int c = 0; c < d; c++)
            {
                candidate[c] = rng.NextSymmetric();
                r2 += candidate[c] * candidate[c];
            }

            if (r2 >= 1.0 || grid.HasNeighbourWithin(candidate[..d], positions, exclusion))
            {
                continue;
            }

            candidate[..d].CopyTo(positions.Slice(placed * d, d));
            grid.Add(placed, candidate[..d]);
            placed++;
        }
    }

    /// <summary>
    /// True when |a - b|^(2d) &lt; exclusion, i.e. the distance is below r_b; evaluated without
    /// roots so the decision is the same on every machine.
    /// </summary>
    internal static bool Overlaps(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double exclusion)
    {
        double dist2 = 0;
        for (int c = 0; c < a.Length; c++)
        {
            double delta = a[c] - b[c];
            dist2 += delta * delta;
        }

        double power = a.Length switch
        {
            1 => dist2,
            2 => dist2 * dist2,
            _ => dist2 * dist2 * dist2,
        };
        return power < exclusion;
    }
}
