using Sweep.Physics.Fits;

namespace Sweep.Physics.Tests.Fits;

public class JackknifeTests
{
    [Fact]
    public void TwoEstimates()
    {
        // mean 3, squares 1 + 1 = 2, (K-1)/K = 1/2: sqrt(1) = 1.
        Assert.Equal(1.0, Jackknife.StandardError([2.0, 4.0]));
    }

    [Fact]
    public void FourEstimatesByHand()
    {
        // mean 2.5, squares 2.25 + 0.25 + 0.25 + 2.25 = 5, (K-1)/K = 3/4: sqrt(3.75).
        Assert.Equal(Math.Sqrt(3.75), Jackknife.StandardError([1.0, 2.0, 3.0, 4.0]), 15);
    }

    [Fact]
    public void OfTheMeanItIsTheStandardErrorOfTheMean()
    {
        double[] x = [0.3, 1.7, -0.4, 2.2, 0.9, 1.1, -1.3];
        var n = x.Length;
        var leaveOneOut = Enumerable.Range(0, n).Select(i => (x.Sum() - x[i]) / (n - 1)).ToArray();
        var mean = x.Average();
        var sem = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (n - 1) / n);

        Assert.Equal(sem, Jackknife.StandardError(leaveOneOut), 12);
    }

    [Fact]
    public void IdenticalEstimatesHaveNoError() => Assert.Equal(0.0, Jackknife.StandardError([0.75, 0.75, 0.75]));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFiniteEstimateGivesNaN(double bad) => Assert.True(double.IsNaN(Jackknife.StandardError([1.0, bad, 2.0])));

    [Fact]
    public void NeedsTwoEstimates()
    {
        Assert.Throws<ArgumentException>(() => Jackknife.StandardError([1.0]));
        Assert.Throws<ArgumentException>(() => Jackknife.StandardError([]));
        Assert.Throws<ArgumentNullException>(() => Jackknife.StandardError(null!));
    }
}
