using Sweep.Physics.Geometry;
using Sweep.Physics.Random;

namespace Sweep.Physics.Tests.Geometry;

public class RsaSamplerTests
{
    [Theory]
    [InlineData(1, 200, 1.2)]
    [InlineData(2, 400, 1.8)]
    [InlineData(3, 500, 2.5)]
    [InlineData(3, 1300, 1e-4)]
    public void NoPairIsCloserThanTheExclusionRadiusAndAllAreInsideTheBall(int d, int n, double x)
    {
        double[] p = RsaSampler.Sample(d, n, x, new Xoshiro256StarStar(42));
        Assert.Equal(n * d, p.Length);
        double rb = Ball.ExclusionRadius(d, x, n);
        double minDist = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            double r2 = 0;
            for (int c = 0; c < d; c++)
            {
                r2 += p[i * d + c] * p[i * d + c];
            }

            Assert.True(r2 < 1.0, $"spin {i} lies outside the unit ball (|r|^2 = {r2})");
            for (int k = i + 1; k < n; k++)
            {
                double d2 = 0;
                for (int c = 0; c < d; c++)
                {
                    double delta = p[i * d + c] - p[k * d + c];
                    d2 += delta * delta;
                }

                minDist = Math.Min(minDist, Math.Sqrt(d2));
            }
        }

        Assert.True(minDist >= rb * (1 - 1e-12), $"closest pair {minDist} < r_b = {rb}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RadiiAreUniformInTheBallAtStrongDisorder(int d)
    {
        // In a uniform d-ball, |r|^d is uniform on [0, 1): a Kolmogorov-Smirnov test at the 1% level.
        var rng = new Xoshiro256StarStar(7);
        var u = new List<double>();
        for (int rep = 0; rep < 4; rep++)
        {
            double[] p = RsaSampler.Sample(d, 1000, 1e-4, rng);
            for (int i = 0; i < 1000; i++)
            {
                double r2 = 0;
                for (int c = 0; c < d; c++)
                {
                    r2 += p[i * d + c] * p[i * d + c];
                }

                u.Add(Math.Pow(Math.Sqrt(r2), d));
            }
        }

        u.Sort();
        double ks = 0;
        for (int i = 0; i < u.Count; i++)
        {
            ks = Math.Max(ks, Math.Max((i + 1.0) / u.Count - u[i], u[i] - (double)i / u.Count));
        }

        Assert.True(ks < 1.63 / Math.Sqrt(u.Count), $"KS statistic {ks} rejects a uniform radial distribution");
    }

    [Fact]
    public void SameSeedGivesSamePositions()
    {
        double[] a = RsaSampler.Sample(3, 300, 0.5, RealizationSeed.Generator(1, 3, 6, 0.5, 300, 17));
        double[] b = RsaSampler.Sample(3, 300, 0.5, RealizationSeed.Generator(1, 3, 6, 0.5, 300, 17));
        double[] c = RsaSampler.Sample(3, 300, 0.5, RealizationSeed.Generator(1, 3, 6, 0.5, 300, 18));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Theory]
    [InlineData(1, 200, 1.6)]
    [InlineData(2, 300, 2.6)]
    [InlineData(3, 400, 4.0)]
    public void PastJammingFailsWithAClearErrorInsteadOfLooping(int d, int n, double x)
    {
        var ex = Assert.Throws<RsaJammedException>(() => RsaSampler.Sample(d, n, x, new Xoshiro256StarStar(3)));
        Assert.Contains("jam", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"of {n} spins", ex.Message, StringComparison.Ordinal);
    }
}
