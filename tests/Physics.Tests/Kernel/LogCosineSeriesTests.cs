using Sweep.Physics.Kernel;

namespace Sweep.Physics.Tests.Kernel;

public class LogCosineSeriesTests
{
    [Fact]
    public void TheFirstCoefficientsAreTheKnownRationals()
    {
        double[] expected = [-1.0 / 2, -1.0 / 12, -1.0 / 45, -17.0 / 2520, -31.0 / 14175, -691.0 / 935550];
        for (int n = 1; n <= expected.Length; n++)
        {
            AssertRelative(expected[n - 1], LogCosineSeries.Coefficient(n), 4e-16, $"c_{n}");
        }
    }

    [Fact]
    public void TheCoefficientsFollowTheBernoulliFormula()
    {
        // |c_n| = 2^(2n) (2^(2n) - 1) |B_2n| / (2n (2n)!).
        double[] bernoulli = [1.0 / 6, 1.0 / 30, 1.0 / 42, 1.0 / 30, 5.0 / 66, 691.0 / 2730, 7.0 / 6, 3617.0 / 510, 43867.0 / 798];
        double factorial = 1.0;
        for (int n = 1; n <= bernoulli.Length; n++)
        {
            factorial *= (2 * n - 1) * (2.0 * n);
            double four = Math.Pow(4, n);
            double expected = -four * (four - 1) * bernoulli[n - 1] / (2 * n * factorial);
            AssertRelative(expected, LogCosineSeries.Coefficient(n), 1e-14, $"c_{n}");
        }
    }

    [Fact]
    public void EveryCoefficientIsNegativeAndTheirRatioTendsToFourOverPiSquared()
    {
        for (int n = 1; n <= LogCosineSeries.MaxTerms + 1; n++)
        {
            Assert.True(LogCosineSeries.Coefficient(n) < 0, $"c_{n}");
        }

        double ratio = LogCosineSeries.Coefficient(LogCosineSeries.MaxTerms + 1) / LogCosineSeries.Coefficient(LogCosineSeries.MaxTerms);
        AssertRelative(4 / (Math.PI * Math.PI) * LogCosineSeries.MaxTerms / (LogCosineSeries.MaxTerms + 1), ratio, 1e-12, "c_(n+1)/c_n");
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void TheSeriesSumsToLogCos(double x)
    {
        double sum = 0;
        double power = 1;
        for (int n = 1; n <= LogCosineSeries.MaxTerms + 1; n++)
        {
            power *= x * x;
            sum += LogCosineSeries.Coefficient(n) * power;
        }

        double exact = Math.Log(Math.Cos(x));
        Assert.True(Math.Abs(sum - exact) <= 4e-16 * Math.Abs(exact) + 1e-16 + LogCosineSeries.RemainderBound(LogCosineSeries.MaxTerms, x), $"{sum:R} vs {exact:R}");
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(0, 1e-4)]
    [InlineData(1, 0.01)]
    [InlineData(2, 0.5)]
    [InlineData(12, 0.5)]
    [InlineData(6, 1.0)]
    [InlineData(20, 1.2)]
    [InlineData(12, 0.3)]
    public void TheRemainderBoundHoldsAndIsTight(int terms, double x)
    {
        // The tail summed far enough that what is left is negligible, from the exact closed form
        // |c_n| = lambda(2n) (2/pi)^(2n) / n with lambda(2n) = sum over odd k of k^-2n.
        double tail = 0;
        for (int n = terms + 1; n <= terms + 400; n++)
        {
            double lambda = 0;
            for (int k = 1; k < 50; k += 2)
            {
                lambda += Math.Pow(k, -2.0 * n);
            }

            tail += lambda * Math.Pow(2 * x / Math.PI, 2.0 * n) / n;
        }

        double bound = LogCosineSeries.RemainderBound(terms, x);
        Assert.True(tail <= bound, $"R_{terms}({x}) = {tail:R} exceeds the bound {bound:R}");
        Assert.True(bound <= 2 * tail, $"the bound {bound:R} is loose against {tail:R}");
    }

    [Fact]
    public void RejectsArgumentsOutsideItsRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>("n", () => LogCosineSeries.Coefficient(0));
        Assert.Throws<ArgumentOutOfRangeException>("n", () => LogCosineSeries.Coefficient(LogCosineSeries.MaxTerms + 2));
        Assert.Throws<ArgumentOutOfRangeException>("terms", () => LogCosineSeries.RemainderBound(-1, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>("x", () => LogCosineSeries.RemainderBound(12, 1.6));
        Assert.Throws<ArgumentOutOfRangeException>("x", () => LogCosineSeries.RemainderBound(12, double.NaN));
    }

    private static void AssertRelative(double expected, double actual, double tolerance, string what)
        => Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R}");
}
