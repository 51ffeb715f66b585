namespace Sweep.Physics.Tests.Fits;

/// <summary>Reproducible normal deviates for synthetic noise (Box-Muller on a seeded System.Random).</summary>
internal sealed class SeededGaussian(int seed)
{
    private readonly System.Random _random = new(seed);

    public double Next(double sigma)
    {
        // 1 - NextDouble() lies in (0, 1], so the logarithm is finite.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
