using Sweep.Physics.Analytic;
using Sweep.Physics.Fits;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Time;

namespace Sweep.Physics.Tests.Points;

/// <summary>What finite systems do (docs/model.md): they approach the thermodynamic limit as N grows.</summary>
public class FiniteSizeTests
{
    private static readonly PointSettings Settings = new(Seed: 11, TimePoints: 80, TimeUnit.Common, FitWindow.Default, SpinKernelChoice.Exact);

    private static PointAnalysis Analyze(int d, double alpha, double x, int n, int ns)
    {
        var point = new GridPoint(d, alpha, x, n);
        var sums = PointComputation.Run(point, Settings, ns, Environment.ProcessorCount, SpinProductKernel.BestPath);
        return GridPointAnalysis.Analyze(point, Settings, Settings.TimeGrid(point), sums);
    }

    [Fact]
    public void DeviationFromTheThermodynamicCurveShrinksAsNGrowsInADiluteSystem()
    {
        // Largest |mag - analytic| over the grid, in the common time unit, at strong disorder.
        double Deviation(int n)
        {
            PointAnalysis a = Analyze(2, 3, 1e-4, n, 48);
            return a.T.Select((t, k) => Math.Abs(a.Average.Mag[k] - ThermodynamicLimit.Mag(2, 3, t))).Max();
        }

        double small = Deviation(25), medium = Deviation(100), large = Deviation(400);
        Assert.True(small > medium && medium > large, $"max |mag - analytic|: N=25 {small}, N=100 {medium}, N=400 {large}");
    }

    [Fact]
    public void FittedBetaLiesBelowDOverAlphaAndApproachesItAsNGrows()
    {
        double[] ns = [32, 200, 1000];
        var fits = ns.Select(n => Analyze(3, 6, 1e-4, (int)n, 64).Mag).ToList();
        Assert.All(fits, f => Assert.True(f.Fit.IsSuccess, f.Fit.Reason));
        double[] betas = fits.Select(f => f.Fit.Beta).ToArray();
        Assert.All(betas, b => Assert.True(b < 0.5, $"beta {b} is not below d/alpha = 0.5"));
        Assert.True(betas[0] < betas[1] && betas[1] < betas[2], $"beta(N) = {string.Join(", ", betas)} does not approach 0.5");
    }

    [Fact]
    public void SameSeedPointAndRealizationGiveTheSameBits()
    {
        var point = new GridPoint(1, 2, 0.01, 17);
        double[] t = Settings.TimeGrid(point);
        var a = Realization.Compute(point, 5, 3, t, TimeUnit.PerRealization, SpinKernelChoice.Exact, KernelPath.Scalar);
        var b = Realization.Compute(point, 5, 3, t, TimeUnit.PerRealization, SpinKernelChoice.Exact, SpinProductKernel.BestPath);
        Assert.Equal(a.Mag.Select(BitConverter.DoubleToInt64Bits), b.Mag.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(a.Pur.Select(BitConverter.DoubleToInt64Bits), b.Pur.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(BitConverter.DoubleToInt64Bits(a.JnnRatio), BitConverter.DoubleToInt64Bits(b.JnnRatio));

        var one = PointComputation.Run(point, Settings, 40, 1, KernelPath.Scalar).Average();
        var two = PointComputation.Run(point, Settings, 40, 2, SpinProductKernel.BestPath).Average();
        Assert.Equal(one.Mag.Select(BitConverter.DoubleToInt64Bits), two.Mag.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(one.PurSem.Select(BitConverter.DoubleToInt64Bits), two.PurSem.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void The_fits_and_their_jackknife_errors_do_not_depend_on_the_number_of_workers()
    {
        var point = new GridPoint(2, 4, 0.01, 24);
        double[] t = Settings.TimeGrid(point);
        var sums = PointComputation.Run(point, Settings, 48, 2, SpinProductKernel.BestPath);
        PointAnalysis one = GridPointAnalysis.Analyze(point, Settings, t, sums, workers: 1);
        PointAnalysis two = GridPointAnalysis.Analyze(point, Settings, t, sums, workers: 2);
        foreach ((ObservableFit a, ObservableFit b) in new[] { (one.Mag, two.Mag), (one.Pur, two.Pur) })
        {
            Assert.True(a.Fit.IsSuccess, a.Fit.Reason);
            Assert.True(double.IsFinite(a.BetaJackknifeError) && a.BetaJackknifeError > 0, $"jackknife error {a.BetaJackknifeError}");
            Assert.Equal(BitConverter.DoubleToInt64Bits(a.Fit.Beta), BitConverter.DoubleToInt64Bits(b.Fit.Beta));
            Assert.Equal(BitConverter.DoubleToInt64Bits(a.Fit.Gamma), BitConverter.DoubleToInt64Bits(b.Fit.Gamma));
            Assert.Equal(BitConverter.DoubleToInt64Bits(a.BetaJackknifeError), BitConverter.DoubleToInt64Bits(b.BetaJackknifeError));
        }
    }
}
