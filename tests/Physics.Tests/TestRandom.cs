namespace Sweep.Physics.Tests;

/// <summary>
/// A small seeded generator (SplitMix64) so test systems are the same on every machine and
/// runtime version, which System.Random does not promise.
/// </summary>
internal sealed class TestRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [lo, hi).</summary>
    public double Uniform(double lo, double hi) => lo + ((hi - lo) * NextDouble());

    /// <summary>n points uniform in the cube [-1, 1]^d, as consecutive d-tuples.</summary>
    public double[] CubePositions(int n, int d)
    {
        var positions = new double[n * d];
        for (int i = 0; i < positions.Length; i++)
        {
            positions[i] = Uniform(-1.0, 1.0);
        }

        return positions;
    }
}
