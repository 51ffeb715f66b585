using Sweep.Physics.Couplings;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Time;

namespace Sweep.Physics.Tests.Kernel;

public class AcceleratedKernelTests
{
    private static readonly KernelPath[] AvailablePaths = Enum.GetValues<KernelPath>().Where(SpinProductKernel.IsSupported).ToArray();

    [Theory]
    [InlineData(2, 3, 6.0, 11UL)]
    [InlineData(13, 1, 10.0, 13UL)]
    [InlineData(37, 2, 4.0, 14UL)]
    [InlineData(100, 3, 6.0, 15UL)]
    [InlineData(64, 3, 3.5, 16UL)]
    [InlineData(301, 3, 3.0, 17UL)]
    public void EveryPathGivesTheSameBitsEveryTime(int n, int d, double alpha, ulong seed)
    {
        var couplings = CouplingMatrix.FromPositions(new TestRandom(seed).CubePositions(n, d), d, alpha);
        double[] tau = Taus(couplings);
        int[] spins = Enumerable.Range(0, n).Where(i => i % 3 == 0 || i == n - 1).ToArray();
        var reference = Run(couplings, tau, spins, KernelPath.Scalar);
        foreach (var path in AvailablePaths)
        {
            for (int repeat = 0; repeat < 2; repeat++)
            {
                var result = Run(couplings, tau, spins, path);
                AssertBitwise(reference.Mag, result.Mag, $"mag {path}");
                AssertBitwise(reference.Pur, result.Pur, $"pur {path}");
                AssertBitwise(reference.Curves, result.Curves, $"curves {path}");
            }
        }

        Assert.All(reference.Mag.Concat(reference.Pur).Concat(reference.Curves), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void EveryPathGivesTheSameBitsOnARealizationGrid()
    {
        var point = new GridPoint(1, 10.0, 1e-4, 90);
        CouplingMatrix couplings = Realization.Couplings(point, 3, 2);
        double[] tau = Realization.Tau(point, couplings, TimeGrid.Create(1, 10.0), TimeUnit.PerRealization);
        var reference = Run(couplings, tau, [0, 45, 89], KernelPath.Scalar);
        foreach (var path in AvailablePaths)
        {
            var result = Run(couplings, tau, [0, 45, 89], path);
            AssertBitwise(reference.Mag, result.Mag, $"mag {path}");
            AssertBitwise(reference.Pur, result.Pur, $"pur {path}");
            AssertBitwise(reference.Curves, result.Curves, $"curves {path}");
        }
    }

    [Fact]
    public void SpinCurvesStayWithinAQuarterOfTheToleranceOfTheExactProducts()
    {
        var point = new GridPoint(3, 6.0, 0.01, 200);
        CouplingMatrix couplings = Realization.Couplings(point, 8, 0);
        double[] tau = Realization.Tau(point, couplings, TimeGrid.Create(3, 6.0, 60), TimeUnit.Common);
        int[] all = Enumerable.Range(0, couplings.N).ToArray();
        var accelerated = Run(couplings, tau, all, SpinProductKernel.BestPath);
        var exactCurves = new double[all.Length * tau.Length];
        SpinProductKernel.Evaluate(couplings, tau, new double[tau.Length], new double[tau.Length], all, exactCurves, SpinProductKernel.BestPath);
        for (int j = 0; j < exactCurves.Length; j++)
        {
            Assert.True(Math.Abs(accelerated.Curves[j] - exactCurves[j]) <= AcceleratedSpinProductKernel.DefaultTolerance / 4, $"curve entry {j}");
        }
    }

    [Fact]
    public void CoincidentSpinsZeroAndNegativeTauAreHandledLikeTheExactKernel()
    {
        // Spins 0 and 1 coincide: their coupling is infinite and its factor is defined as 1.
        double[] positions = [0.1, 0.2, 0.1, 0.2, 0.5, -0.3, -0.4, 0.0];
        var couplings = CouplingMatrix.FromPositions(positions, 2, 3.0);
        double[] tau = [0.0, 1e-3, -1e-3, 1.0, -0.5, 1e30, 0.0];
        var exact = new double[3 * tau.Length];
        SpinProductKernel.Evaluate(couplings, tau, new double[tau.Length], new double[tau.Length], [0, 1, 2], exact, KernelPath.Scalar);
        foreach (var path in AvailablePaths)
        {
            var result = Run(couplings, tau, [0, 1, 2], path);
            Assert.All(result.Curves, v => Assert.True(double.IsFinite(v)));
            for (int j = 0; j < exact.Length; j++)
            {
                Assert.True(Math.Abs(result.Curves[j] - exact[j]) <= 1e-12, $"{path} entry {j}: {result.Curves[j]:R} vs {exact[j]:R}");
            }

            Assert.Equal(1.0, result.Mag[0]);
            Assert.Equal(1.0, result.Pur[6]);
        }
    }

    [Fact]
    public void UnderflowingProductsAreZeroOrNormal()
    {
        var couplings = CouplingMatrix.FromPositions(new TestRandom(31).CubePositions(600, 3), 3, 3.0);
        foreach (var path in AvailablePaths)
        {
            var result = Run(couplings, [1e5, 1e4, 30.0], Enumerable.Range(0, 600).ToArray(), path);
            Assert.All(result.Curves, v => Assert.True(v == 0.0 || double.IsNormal(v), $"{path}: {v} is subnormal"));
            Assert.Contains(0.0, result.Curves);
        }
    }

    [Fact]
    public void SmallSystemsGetTheExactKernelsBits()
    {
        var couplings = CouplingMatrix.FromPositions(new TestRandom(12).CubePositions(AcceleratedSpinProductKernel.SeriesMinSpins - 1, 2), 2, 4.0);
        double[] tau = Taus(couplings);
        var exact = (Mag: new double[tau.Length], Pur: new double[tau.Length]);
        var accelerated = (Mag: new double[tau.Length], Pur: new double[tau.Length]);
        SpinProductKernel.Evaluate(couplings, tau, exact.Mag, exact.Pur);
        AcceleratedSpinProductKernel.Evaluate(couplings, tau, accelerated.Mag, accelerated.Pur, 1e-10);
        AssertBitwise(exact.Mag, accelerated.Mag, "mag");
        AssertBitwise(exact.Pur, accelerated.Pur, "pur");
        Assert.Throws<ArgumentOutOfRangeException>("tolerance", () => AcceleratedSpinProductKernel.Evaluate(couplings, tau, accelerated.Mag, accelerated.Pur, 0.0));
    }

    [Fact]
    public void TheTermsGrowAsTheToleranceShrinks()
    {
        Assert.True(AcceleratedSpinProductKernel.Terms(1e-6) < AcceleratedSpinProductKernel.Terms(1e-10));
        Assert.True(AcceleratedSpinProductKernel.Terms(1e-10) < AcceleratedSpinProductKernel.Terms(1e-14));
        Assert.Equal(LogCosineSeries.MaxTerms, AcceleratedSpinProductKernel.Terms(1e-300));
        Assert.Equal(AcceleratedSpinProductKernel.MaxTau, Math.ScaleB(1.0, 900));
        Assert.Equal(AcceleratedSpinProductKernel.MinTau, Math.ScaleB(1.0, -900));
    }

    [Fact]
    public void RejectsBadArguments()
    {
        var couplings = CouplingMatrix.FromPositions(new TestRandom(41).CubePositions(5, 3), 3, 6.0);
        var path = SpinProductKernel.BestPath;
        double[] tau = [1.0, 2.0];
        const double tol = 1e-10;
        Assert.Throws<ArgumentException>("mag", () => AcceleratedSpinProductKernel.EvaluateBySeries(couplings, tau, new double[1], new double[2], [], [], tol, path));
        Assert.Throws<ArgumentException>("pur", () => AcceleratedSpinProductKernel.EvaluateBySeries(couplings, tau, new double[2], new double[3], [], [], tol, path));
        Assert.Throws<ArgumentException>("spinCurves", () => AcceleratedSpinProductKernel.EvaluateBySeries(couplings, tau, new double[2], new double[2], [1], new double[3], tol, path));
        Assert.Throws<ArgumentOutOfRangeException>("spins", () => AcceleratedSpinProductKernel.EvaluateBySeries(couplings, tau, new double[2], new double[2], [5], new double[2], tol, path));
        Assert.Throws<ArgumentException>("tau", () => AcceleratedSpinProductKernel.EvaluateBySeries(couplings, [double.NaN], new double[1], new double[1], [], [], tol, path));
        Assert.Throws<ArgumentOutOfRangeException>("tau", () => AcceleratedSpinProductKernel.EvaluateBySeries(couplings, [1e300], new double[1], new double[1], [], [], tol, path));
        Assert.Throws<ArgumentOutOfRangeException>("tau", () => AcceleratedSpinProductKernel.EvaluateBySeries(couplings, [1e-300], new double[1], new double[1], [], [], tol, path));
        Assert.Throws<ArgumentOutOfRangeException>("path", () => AcceleratedSpinProductKernel.EvaluateBySeries(couplings, tau, new double[2], new double[2], [], [], tol, (KernelPath)99));
        Assert.Throws<ArgumentNullException>("couplings", () => AcceleratedSpinProductKernel.EvaluateBySeries(null!, tau, new double[2], new double[2], [], [], tol, path));
        foreach (double bad in new[] { 0.0, -1e-10, double.NaN, double.PositiveInfinity })
        {
            Assert.Throws<ArgumentOutOfRangeException>("tolerance", () => AcceleratedSpinProductKernel.EvaluateBySeries(couplings, tau, new double[2], new double[2], [], [], bad, path));
            Assert.Throws<ArgumentOutOfRangeException>("tolerance", () => SpinKernelChoice.Accelerated(bad));
        }
    }

    // From well inside the series regime to arguments of 1e12 and 1e38, plus tau = 0, a negative
    // tau and a repeated one, in no particular order.
    private static double[] Taus(CouplingMatrix couplings)
    {
        double max = 0;
        foreach (double v in couplings.PackedTwoJ)
        {
            max = Math.Max(max, v);
        }

        var tau = new List<double> { 0.0, -0.7 / max, 3e-3 / max };
        for (int e = -4; e <= 14; e++)
        {
            tau.Add(Math.Pow(10, e) / max);
        }

        tau.AddRange([1e12 / max, 1e38 / max, 1.5e5, 3e-3 / max, 3e9]);
        return tau.Where(t => Math.Abs(t) <= AcceleratedSpinProductKernel.MaxTau).ToArray();
    }

    private static (double[] Mag, double[] Pur, double[] Curves) Run(CouplingMatrix couplings, double[] tau, int[] spins, KernelPath path)
    {
        var mag = new double[tau.Length];
        var pur = new double[tau.Length];
        var curves = new double[spins.Length * tau.Length];
        // The series itself at every N, also below the size where the public entry hands over to the exact kernel.
        AcceleratedSpinProductKernel.EvaluateBySeries(couplings, tau, mag, pur, spins, curves, AcceleratedSpinProductKernel.DefaultTolerance, path);
        return (mag, pur, curves);
    }

    private static void AssertBitwise(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.DoubleToUInt64Bits(expected[i]) == BitConverter.DoubleToUInt64Bits(actual[i]), $"{what}[{i}]: {expected[i]:R} vs {actual[i]:R}");
        }
    }
}
