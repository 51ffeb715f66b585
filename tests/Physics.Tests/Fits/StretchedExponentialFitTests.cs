using Sweep.Physics.Fits;

namespace Sweep.Physics.Tests.Fits;

public class StretchedExponentialFitTests
{
    public static TheoryData<double, double> BetaAndGamma()
    {
        var data = new TheoryData<double, double>();
        foreach (var beta in new[] { 0.1, 0.2, 0.3, 0.5, 0.75, 1.0 })
        {
            foreach (var gamma in new[] { 1e-6, 0.088, 1e5 })
            {
                data.Add(beta, gamma);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BetaAndGamma))]
    public void RecoversNoiselessParameters(double beta, double gamma)
    {
        const double a = 0.97;
        var t = SyntheticCurves.Grid(gamma, beta);
        var f = SyntheticCurves.Curve(t, a, gamma, beta);

        // Start where a caller would: near, not at, the truth.
        var fit = StretchedExponentialFit.Fit(t, f, FitWindow.Default, 1.5 * gamma, 1.2 * beta);

        Assert.True(fit.IsSuccess, fit.Reason);
        Assert.Equal(a, fit.A, a * 1e-8);
        Assert.Equal(gamma, fit.Gamma, gamma * 1e-8);
        Assert.Equal(beta, fit.Beta, beta * 1e-8);
        Assert.True(fit.Window.Count >= StretchedExponentialFit.MinimumPoints);
    }

    [Theory]
    [MemberData(nameof(BetaAndGamma))]
    public void RecoversNoisyParametersWithinTheirErrors(double beta, double gamma)
    {
        var t = SyntheticCurves.Grid(gamma, beta);
        var f = SyntheticCurves.Curve(t, 1.0, gamma, beta, new SeededGaussian(12345), 1e-3);

        var fit = StretchedExponentialFit.Fit(t, f, FitWindow.Default, gamma, beta);

        Assert.True(fit.IsSuccess, fit.Reason);
        foreach (var error in new[] { fit.AErr, fit.LnGammaErr, fit.GammaErr, fit.BetaErr })
        {
            Assert.True(double.IsFinite(error) && error > 0.0, $"error {error}");
        }

        Assert.InRange(fit.A, 1.0 - (5 * fit.AErr), 1.0 + (5 * fit.AErr));
        Assert.InRange(fit.LnGamma, Math.Log(gamma) - (5 * fit.LnGammaErr), Math.Log(gamma) + (5 * fit.LnGammaErr));
        Assert.InRange(fit.Beta, beta - (5 * fit.BetaErr), beta + (5 * fit.BetaErr));
        Assert.Equal(beta, fit.Beta, 0.05 * beta);
        Assert.Equal(fit.Gamma * fit.LnGammaErr, fit.GammaErr);
    }

    [Fact]
    public void ErrorsMatchTheScatterOverNoiseRealizations()
    {
        // The errors must be scaled by the residual variance: unscaled (J'J)^-1 would be ~1000x
        // too large at sigma = 1e-3, and a missing or doubled factor shows up as a ratio of 0.7 or 1.4.
        const double beta = 0.5, gamma = 2.0, sigma = 1e-3;
        const int realizations = 60;
        var t = SyntheticCurves.Grid(gamma, beta);
        var betas = new double[realizations];
        var reported = 0.0;
        for (var r = 0; r < realizations; r++)
        {
            var f = SyntheticCurves.Curve(t, 1.0, gamma, beta, new SeededGaussian(1000 + r), sigma);
            var fit = StretchedExponentialFit.Fit(t, f, FitWindow.Default, gamma, beta);
            Assert.True(fit.IsSuccess, fit.Reason);
            betas[r] = fit.Beta;
            reported += fit.BetaErr / realizations;
        }

        var mean = betas.Average();
        var scatter = Math.Sqrt(betas.Sum(b => (b - mean) * (b - mean)) / (realizations - 1));
        Assert.InRange(scatter / reported, 0.75, 1.3);
    }

    [Theory]
    [InlineData(0.2, 1e4, 1.0)]
    [InlineData(0.2, 1e-4, 1.0)]
    [InlineData(1.0, 1e3, 0.1)]
    [InlineData(0.1, 1e-8, 0.5)]
    public void ConvergesFromAPoorStart(double beta, double gammaFactor, double beta0)
    {
        const double gamma = 0.3;
        var t = SyntheticCurves.Grid(gamma, beta);
        var f = SyntheticCurves.Curve(t, 1.0, gamma, beta);

        var fit = StretchedExponentialFit.Fit(t, f, FitWindow.Default, gamma * gammaFactor, beta0);

        Assert.True(fit.IsSuccess, fit.Reason);
        Assert.Equal(beta, fit.Beta, beta * 1e-8);
        Assert.Equal(gamma, fit.Gamma, gamma * 1e-8);
    }

    [Fact]
    public void RetriesFromTheLinearisedStartWhenTheGivenStartIsHopeless()
    {
        // At gamma0 = 1e200 the model is exactly 0 on the whole window, so its Jacobian vanishes
        // and Levenberg-Marquardt stops where it began; only the retry can succeed.
        const double gamma = 0.3, beta = 0.4;
        var t = SyntheticCurves.Grid(gamma, beta);
        var f = SyntheticCurves.Curve(t, 0.98, gamma, beta);

        var fit = StretchedExponentialFit.Fit(t, f, FitWindow.Default, 1e200, beta);

        Assert.True(fit.IsSuccess, fit.Reason);
        Assert.Equal(beta, fit.Beta, beta * 1e-8);
        Assert.Equal(gamma, fit.Gamma, gamma * 1e-8);
    }

    [Fact]
    public void LinearisedStartIsExactForUnitAmplitude()
    {
        const double gamma = 5e-3, beta = 0.25;
        var t = SyntheticCurves.Grid(gamma, beta);
        var f = SyntheticCurves.Curve(t, 1.0, gamma, beta);

        var start = LinearisedStart.Estimate(t.Select(x => Math.Log(x)).ToArray(), f);

        Assert.NotNull(start);
        Assert.Equal(Math.Log(gamma), start.Value.LnGamma, 1e-9);
        Assert.Equal(beta, start.Value.Beta, 1e-9);
    }

    [Fact]
    public void FitIsBitwiseDeterministic()
    {
        var t = SyntheticCurves.Grid(0.7, 0.3);
        var f = SyntheticCurves.Curve(t, 1.0, 0.7, 0.3, new SeededGaussian(7), 1e-3);

        var first = StretchedExponentialFit.Fit(t, f, FitWindow.Default, 1.0, 0.33);
        var second = StretchedExponentialFit.Fit(t, f, FitWindow.Default, 1.0, 0.33);

        Assert.True(first.IsSuccess, first.Reason);
        double[] a = [first.A, first.LnGamma, first.Beta, first.AErr, first.LnGammaErr, first.BetaErr];
        double[] b = [second.A, second.LnGamma, second.Beta, second.AErr, second.LnGammaErr, second.BetaErr];
        Assert.Equal(a.Select(BitConverter.DoubleToInt64Bits), b.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(first.Iterations, second.Iterations);
        Assert.Equal(first.Window, second.Window);
    }

    [Fact]
    public void TooShortWindowIsAFailureNamingWindowAndCount()
    {
        double[] t = [1, 2, 3, 4, 5, 6];
        double[] f = [1.0, 0.9, 0.5, 0.1, 0.005, 0.001];

        var fit = StretchedExponentialFit.Fit(t, f, FitWindow.Default, 1.0, 1.0);

        Assert.False(fit.IsSuccess);
        Assert.Contains("window", fit.Reason);
        Assert.Contains("3 points", fit.Reason);
        Assert.Equal(new FitWindowRange(1, 3, 2.0, 4.0), fit.Window);
        Assert.True(double.IsNaN(fit.Beta));
    }

    [Fact]
    public void NoWindowIsAFailure()
    {
        double[] t = [1, 2, 3, 4, 5, 6];
        double[] f = [1.0, 1.0, 0.999, 0.998, 0.997, 0.996];

        var fit = StretchedExponentialFit.Fit(t, f, FitWindow.Default, 1.0, 1.0);

        Assert.False(fit.IsSuccess);
        Assert.Null(fit.Window);
        Assert.Contains("window", fit.Reason);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteDataIsAFailure(double bad)
    {
        var t = SyntheticCurves.Grid(1.0, 0.5);
        var f = SyntheticCurves.Curve(t, 1.0, 1.0, 0.5);
        var range = StretchedExponentialFit.FindWindow(t, f, FitWindow.Default)!;
        f[range.I0 + 10] = bad;

        var fit = StretchedExponentialFit.Fit(t, f, FitWindow.Default, 1.0, 0.5);

        Assert.False(fit.IsSuccess);
        Assert.Contains("non-finite", fit.Reason);
        Assert.Contains($"f[{range.I0 + 10}]", fit.Reason);
    }

    [Fact]
    public void NonFiniteDataOutsideTheWindowIsAFailureToo()
    {
        var t = SyntheticCurves.Grid(1.0, 0.5);
        var f = SyntheticCurves.Curve(t, 1.0, 1.0, 0.5);
        f[0] = double.NaN;

        var fit = StretchedExponentialFit.Fit(t, f, FitWindow.Default, 1.0, 0.5);

        Assert.False(fit.IsSuccess);
        Assert.Contains("f[0]", fit.Reason);
    }

    [Fact]
    public void NegativeInfinityIsReportedAsBadDataNotAsAShortWindow()
    {
        double[] t = [1, 2, 3, 4, 5, 6, 7, 8];
        double[] f = [1.0, 0.9, double.NegativeInfinity, 0.5, 0.3, 0.2, 0.1, 0.05];

        var fit = StretchedExponentialFit.Fit(t, f, FitWindow.Default, 1.0, 1.0);

        Assert.False(fit.IsSuccess);
        Assert.Contains("non-finite data: f[2]", fit.Reason);
    }

    [Fact]
    public void RisingCurveIsAFailureNotAnException()
    {
        // exp(-(gamma t)^beta) with beta < 0 rises; the least-squares optimum has beta < 0.
        var t = SyntheticCurves.Grid(1.0, 0.5);
        var f = t.Select(x => Math.Exp(-Math.Pow(x, -0.5))).ToArray();

        var fit = StretchedExponentialFit.Fit(t, f, FitWindow.Default, 1.0, 0.5);

        Assert.False(fit.IsSuccess);
    }

    [Fact]
    public void FlatCurveIsAFailureNotAnException()
    {
        var t = SyntheticCurves.Grid(1.0, 0.5);
        var f = t.Select(_ => 0.5).ToArray();

        var fit = StretchedExponentialFit.Fit(t, f, FitWindow.Default, 1.0, 0.5);

        // Beta -> 0 reproduces any constant (ln gamma then only rescales A): not a fit.
        Assert.False(fit.IsSuccess);
        Assert.NotNull(fit.Window);
    }

    [Fact]
    public void RejectsAnInvalidStart()
    {
        double[] t = [1, 2, 3, 4, 5, 6];
        double[] f = [1.0, 0.9, 0.5, 0.1, 0.05, 0.02];
        Assert.Throws<ArgumentOutOfRangeException>(() => StretchedExponentialFit.Fit(t, f, FitWindow.Default, 0.0, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StretchedExponentialFit.Fit(t, f, FitWindow.Default, 1.0, double.NaN));
        Assert.Throws<ArgumentException>(() => StretchedExponentialFit.Fit(t.AsSpan(1), f, FitWindow.Default, 1.0, 1.0));
    }
}
