using Sweep.Physics.Fits;

namespace Sweep.Physics.Tests.Fits;

public class PowerLawFitTests
{
    private static readonly double[] Sizes = [100, 200, 400, 800, 1300];

    private static double[] Exact(double c, double p) => Sizes.Select(n => c * Math.Pow(n, -p)).ToArray();

    private static double SumSquaresOfLnN()
    {
        var x = Sizes.Select(n => Math.Log(n)).ToArray();
        var mean = x.Average();
        return x.Sum(v => (v - mean) * (v - mean));
    }

    [Theory]
    [InlineData(0.3, 0.6)]
    [InlineData(-0.3, 0.6)]
    [InlineData(2e-3, 1.5)]
    [InlineData(5.0, 0.05)]
    public void RecoversExactPowerLawUnweighted(double c, double p)
    {
        var fit = PowerLawFit.Fit(Sizes, Exact(c, p), null);

        Assert.True(fit.IsSuccess, fit.Reason);
        Assert.False(fit.Weighted);
        Assert.Equal(Sizes.Length, fit.Count);
        Assert.Equal(p, fit.P, 1e-12);
        Assert.Equal(Math.Abs(c), fit.Amplitude, Math.Abs(c) * 1e-12);
        Assert.True(double.IsFinite(fit.PErr) && fit.PErr >= 0.0 && fit.PErr < 1e-12);
        Assert.True(double.IsFinite(fit.AmplitudeErr));
    }

    [Fact]
    public void ExactDataWeightedKeepsTheErrorFloor()
    {
        // chi^2 = 0, so the scale is max(1, 0) = 1 and the error is the pure weighted one:
        // constant relative error r gives var(p) = r^2 / sum (ln N - mean)^2.
        const double r = 0.1;
        var dev = Exact(0.3, 0.6);
        var err = dev.Select(d => r * d).ToArray();

        var fit = PowerLawFit.Fit(Sizes, dev, err);

        Assert.True(fit.IsSuccess, fit.Reason);
        Assert.True(fit.Weighted);
        Assert.Equal(0.6, fit.P, 1e-12);
        Assert.Equal(0.3, fit.Amplitude, 1e-12);
        Assert.Equal(r / Math.Sqrt(SumSquaresOfLnN()), fit.PErr, 1e-12);
        Assert.True(fit.AmplitudeErr > 0.0 && double.IsFinite(fit.AmplitudeErr));
    }

    [Fact]
    public void ScatterBeyondTheErrorsWidensTheWeightedError()
    {
        // Equal relative errors make the weighted line the ordinary one; once the scatter exceeds
        // the errors, scaling by chi^2/dof must give exactly the ordinary residual-based error.
        double[] noise = [1.05, 0.97, 1.02, 0.94, 1.04];
        var dev = Exact(0.3, 0.6).Zip(noise, (d, m) => d * m).ToArray();
        var tinyErr = dev.Select(d => 1e-6 * d).ToArray();

        var weighted = PowerLawFit.Fit(Sizes, dev, tinyErr);
        var ordinary = PowerLawFit.Fit(Sizes, dev, null);

        Assert.True(weighted.Weighted);
        Assert.True(weighted.ReducedChiSquare > 1.0);
        Assert.Equal(ordinary.P, weighted.P, 1e-12);
        Assert.Equal(ordinary.PErr, weighted.PErr, 1e-12);
        Assert.True(ordinary.PErr > 0.0);
    }

    [Fact]
    public void WeightingDownweightsAnUncertainPoint()
    {
        double[] n = [10, 20, 40, 80, 160];
        var dev = n.Select(x => 2.0 / x).ToArray();
        dev[^1] *= 3.0;
        var err = dev.Select(d => 0.01 * d).ToArray();
        err[^1] = 5.0 * dev[^1];

        var weighted = PowerLawFit.Fit(n, dev, err);
        var ordinary = PowerLawFit.Fit(n, dev, null);

        Assert.True(weighted.Weighted);
        Assert.False(ordinary.Weighted);
        Assert.True(Math.Abs(weighted.P - 1.0) < 0.01, $"weighted p = {weighted.P}");
        Assert.True(Math.Abs(ordinary.P - 1.0) > 0.1, $"ordinary p = {ordinary.P}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void AnUnusableErrorFallsBackToOrdinaryLeastSquares(double bad)
    {
        var dev = Exact(0.3, 0.6);
        var err = dev.Select(d => 0.1 * d).ToArray();
        err[2] = bad;

        var fit = PowerLawFit.Fit(Sizes, dev, err);

        Assert.True(fit.IsSuccess, fit.Reason);
        Assert.False(fit.Weighted);
    }

    [Fact]
    public void ThreePointsAreEnough()
    {
        double[] n = [10, 30, 100];
        double[] dev = [0.11, 0.05, 0.018];

        var fit = PowerLawFit.Fit(n, dev, null);

        Assert.True(fit.IsSuccess, fit.Reason);
        Assert.True(double.IsFinite(fit.PErr) && fit.PErr > 0.0);
        Assert.True(double.IsFinite(fit.AmplitudeErr) && fit.AmplitudeErr > 0.0);
    }

    [Theory]
    [InlineData(new double[] { 10, 20 }, new double[] { 0.1, 0.05 })]
    [InlineData(new double[] { 10, 10, 20, 20 }, new double[] { 0.1, 0.11, 0.05, 0.06 })]
    [InlineData(new double[] { 10, 20, 40 }, new double[] { 0.1, 0.0, 0.02 })]
    [InlineData(new double[] { 10, 20, 40 }, new double[] { 0.1, double.NaN, 0.02 })]
    [InlineData(new double[] { 10, 0, 40 }, new double[] { 0.1, 0.05, 0.02 })]
    [InlineData(new double[] { }, new double[] { })]
    public void FewerThanThreeUsableSizesGivesAReason(double[] n, double[] dev)
    {
        var fit = PowerLawFit.Fit(n, dev, null);

        Assert.False(fit.IsSuccess);
        Assert.Contains("3 distinct N", fit.Reason);
        Assert.True(double.IsNaN(fit.P));
    }

    [Fact]
    public void SkippedPointsAreNotCounted()
    {
        double[] n = [100, 200, 300, 400, 800];
        double[] dev = [0.1, 0.0, double.NaN, 0.04, 0.02];

        var fit = PowerLawFit.Fit(n, dev, null);

        Assert.True(fit.IsSuccess, fit.Reason);
        Assert.Equal(3, fit.Count);
    }

    [Fact]
    public void RejectsMismatchedLengths()
    {
        Assert.Throws<ArgumentException>(() => PowerLawFit.Fit([1, 2, 3], [0.1, 0.2], null));
        Assert.Throws<ArgumentException>(() => PowerLawFit.Fit([1, 2, 3], [0.1, 0.2, 0.3], [0.1]));
    }
}
