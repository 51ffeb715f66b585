namespace Sweep.Bench;

/// <summary>
/// Benchmark input only: N points uniform in the unit d-ball, none closer than a minimum
/// distance (sequential rejection with a brute-force neighbour check, fine at N ~ 1000).
/// A seeded SplitMix64 keeps the input identical across runs and machines.
/// </summary>
internal static class BallPositions
{
    public static double[] Generate(int n, int d, double minDistance, ulong seed)
    {
        ulong state = seed;
        double Next()
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return ((z ^ (z >> 31)) >> 11) * (2.0 / (1UL << 53)) - 1.0;
        }

        var positions = new double[n * d];
        var candidate = new double[d];
        double min2 = minDistance * minDistance;
        for (int placed = 0; placed < n;)
        {
            double r2 = 0;
            for (int c = 0; c < d; c++)
            {
                candidate[c] = Next();
                r2 += candidate[c] * candidate[c];
            }

            if (r2 > 1.0 || TooClose(positions, placed, candidate, min2))
            {
                continue;
            }

            candidate.CopyTo(positions, placed * d);
            placed++;
        }

        return positions;
    }

    private static bool TooClose(double[] positions, int placed, double[] candidate, double min2)
    {
        int d = candidate.Length;
        for (int j = 0; j < placed; j++)
        {
            double dist2 = 0;
            for (int c = 0; c < d; c++)
            {
                double delta = positions[(j * d) + c] - candidate[c];
                dist2 += delta * delta;
            }

            if (dist2 < min2)
            {
                return true;
            }
        }

        return false;
    }
}
