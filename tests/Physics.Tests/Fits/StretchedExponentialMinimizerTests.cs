using MathNet.Numerics.Optimization;
using Sweep.Physics.Fits;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Time;

namespace Sweep.Physics.Tests.Fits;

/// <summary>
/// The project's own Levenberg-Marquardt against MathNet.Numerics' minimizer, which the fits
/// used before: on the same window and start both must reach the same minimum, and ours must
/// not stop at a higher residual.
/// </summary>
public class StretchedExponentialMinimizerTests
{
    public static TheoryData<int, double, int> RealPoints() => new()
    {
        { 1, 1.0, 4 }, { 1, 3.0, 6 }, { 1, 8.0, 40 }, { 2, 2.0, 25 }, { 2, 5.0, 50 }, { 3, 3.0, 50 }, { 3, 6.0, 100 }, { 3, 10.0, 25 },
    };

    [Theory]
    [MemberData(nameof(RealPoints))]
    public void Fits_of_real_ensemble_curves_reach_the_minimum_MathNet_finds(int d, double alpha, int n)
    {
        var point = new GridPoint(d, alpha, 1e-3, n);
        var settings = new PointSettings(1, 200, TimeUnit.Common, FitWindow.Default, SpinKernelChoice.Exact);
        double[] t = settings.TimeGrid(point);
        var sums = Realization.ComputeBatch(point, 7, 0, 40, t, TimeUnit.Common, SpinKernelChoice.Exact, SpinProductKernel.BestPath);
        var average = sums.Average();

        foreach (var f in new[] { average.Mag, average.Pur })
        {
            AssertSameMinimum(t, f, 1.0, d / alpha);
        }
    }

    [Theory]
    [InlineData(0.15, 1e-4, 1e-3)]
    [InlineData(0.3, 0.5, 1e-3)]
    [InlineData(0.5, 2.0, 3e-3)]
    [InlineData(0.8, 1e3, 1e-4)]
    [InlineData(1.0, 10.0, 1e-2)]
    public void Fits_of_noisy_synthetic_curves_reach_the_minimum_MathNet_finds(double beta, double gamma, double sigma)
    {
        var t = SyntheticCurves.Grid(gamma, beta);
        for (var seed = 0; seed < 5; seed++)
        {
            var f = SyntheticCurves.Curve(t, 0.98, gamma, beta, new SeededGaussian(500 + seed), sigma);
            AssertSameMinimum(t, f, 2.0 * gamma, 1.3 * beta);
        }
    }

    private static void AssertSameMinimum(double[] t, double[] f, double gamma0, double beta0)
    {
        var fit = StretchedExponentialFit.Fit(t, f, FitWindow.Default, gamma0, beta0);
        Assert.True(fit.IsSuccess, fit.Reason);
        var window = fit.Window;
        double[] lnT = t[window.I0..(window.I1 + 1)].Select(x => Math.Log(x)).ToArray();
        double[] y = f[window.I0..(window.I1 + 1)];

        var reference = MathNetMinimum(lnT, y, Math.Log(gamma0), beta0);
        double ours = StretchedExponentialModel.ResidualSumOfSquares(lnT, y, fit.A, fit.LnGamma, fit.Beta);
        double theirs = StretchedExponentialModel.ResidualSumOfSquares(lnT, y, reference[0], reference[1], reference[2]);

        Assert.True(ours <= theirs * (1 + 1e-9), $"RSS {ours:R} above MathNet's {theirs:R}");
        Assert.Equal(reference[0], fit.A, 1e-7 * Math.Abs(reference[0]));
        Assert.Equal(reference[1], fit.LnGamma, 1e-7 * Math.Max(1.0, Math.Abs(reference[1])));
        Assert.Equal(reference[2], fit.Beta, 1e-7 * reference[2]);
    }

    private static double[] MathNetMinimum(double[] lnT, double[] y, double lnGamma0, double beta0)
    {
        var minimum = MathNetReferenceFit.Minimise(lnT, y, lnGamma0, beta0);
        Assert.Contains(minimum.ReasonForExit, new[] { ExitCondition.Converged, ExitCondition.RelativeGradient, ExitCondition.RelativePoints });
        return minimum.MinimizingPoint.ToArray();
    }
}
