using Sweep.Physics.Couplings;
using Sweep.Physics.Kernel;

namespace Sweep.Physics.Tests;

public class SpinProductKernelTests
{
    private static readonly KernelPath[] AvailablePaths = Enum.GetValues<KernelPath>().Where(SpinProductKernel.IsSupported).ToArray();

    [Fact]
    public void MatchesTheReferenceTestVectors()
    {
        var cases = TestVectorFile.Load();
        Assert.Equal(4, cases.Count);
        foreach (var c in cases)
        {
            var couplings = CouplingMatrix.FromPositions(c.Positions, c.D, c.Alpha);
            Assert.Equal(c.N, couplings.N);
            AssertRelative(c.Jnn, Median(couplings.NearestNeighbourCouplings.ToArray()), 1e-12, $"jnn d={c.D} alpha={c.Alpha}");
            foreach (var path in AvailablePaths)
            {
                var (mag, pur, curves) = Run(couplings, c.Tau, [0], path);
                for (int k = 0; k < c.Tau.Length; k++)
                {
                    string where = $"{path} d={c.D} alpha={c.Alpha} tau[{k}]";
                    AssertRelative(c.Mag[k], mag[k], 1e-12, "mag " + where);
                    AssertRelative(c.Pur[k], pur[k], 1e-12, "pur " + where);
                    AssertRelative(c.PSpin0[k], curves[k], 1e-12, "P_0 " + where);
                }
            }
        }
    }

    [Theory]
    [InlineData(2, 3, 6.0, 11UL)]
    [InlineData(3, 1, 2.0, 12UL)]
    [InlineData(13, 1, 10.0, 13UL)]
    [InlineData(37, 2, 4.0, 14UL)]
    [InlineData(100, 3, 6.0, 15UL)]
    [InlineData(64, 3, 3.5, 16UL)]
    [InlineData(601, 3, 3.0, 17UL)]
    public void AllPathsGiveIdenticalBits(int n, int d, double alpha, ulong seed)
    {
        var couplings = CouplingMatrix.FromPositions(new TestRandom(seed).CubePositions(n, d), d, alpha);
        double[] tau = TausUpToHugeArguments(couplings);
        int[] spins = Enumerable.Range(0, n).Where(i => i % 3 == 0 || i == n - 1).ToArray();
        var reference = Run(couplings, tau, spins, KernelPath.Scalar);
        foreach (var path in AvailablePaths)
        {
            var result = Run(couplings, tau, spins, path);
            AssertBitwise(reference.Mag, result.Mag, $"mag {path}");
            AssertBitwise(reference.Pur, result.Pur, $"pur {path}");
            AssertBitwise(reference.Curves, result.Curves, $"curves {path}");
        }

        Assert.All(reference.Mag.Concat(reference.Pur).Concat(reference.Curves), v => Assert.False(double.IsNaN(v)));
    }

    [Fact]
    public void CoincidentSpinsGiveFiniteIdenticalResults()
    {
        // Spins 0 and 1 coincide: their coupling is infinite and its factor is defined as 1.
        double[] positions = [0.1, 0.2, 0.1, 0.2, 0.5, -0.3];
        var couplings = CouplingMatrix.FromPositions(positions, 2, 3.0);
        double[] tau = [0.0, 1e-3, 1.0, 1e30];
        var reference = Run(couplings, tau, [0, 1, 2], KernelPath.Scalar);
        foreach (var path in AvailablePaths)
        {
            var result = Run(couplings, tau, [0, 1, 2], path);
            AssertBitwise(reference.Curves, result.Curves, $"curves {path}");
        }

        Assert.All(reference.Curves, v => Assert.True(double.IsFinite(v)));
        double c02 = Math.Cos(couplings.TwoJ(0, 2) * tau[1]);
        AssertRelative(c02, reference.Curves[1], 1e-12, "P_0 is its one finite factor");
    }

    [Fact]
    public void ResultsDoNotDependOnHowTimeIsBlocked()
    {
        var couplings = CouplingMatrix.FromPositions(new TestRandom(21).CubePositions(45, 3), 3, 6.0);
        double[] tau = TausUpToHugeArguments(couplings);
        foreach (var path in AvailablePaths)
        {
            var batch = Run(couplings, tau, [], path);
            for (int k = 0; k < tau.Length; k++)
            {
                var single = Run(couplings, [tau[k]], [], path);
                AssertBitwise([batch.Mag[k], batch.Pur[k]], [single.Mag[0], single.Pur[0]], $"{path} tau[{k}]");
            }
        }
    }

    [Fact]
    public void SpinProductsAgreeWithEvaluate()
    {
        var couplings = CouplingMatrix.FromPositions(new TestRandom(22).CubePositions(29, 2), 2, 4.0);
        double[] tau = [0.0, 1e-2, 1.0, 3e5];
        int[] all = Enumerable.Range(0, couplings.N).ToArray();
        foreach (var path in AvailablePaths)
        {
            var curves = Run(couplings, tau, all, path).Curves;
            var p = new double[couplings.N];
            for (int k = 0; k < tau.Length; k++)
            {
                SpinProductKernel.SpinProducts(couplings, tau[k], p, path);
                AssertBitwise(all.Select(i => curves[(i * tau.Length) + k]).ToArray(), p, $"{path} tau[{k}]");
            }
        }
    }

    [Fact]
    public void MatchesAPlainProductOfMathCos()
    {
        var couplings = CouplingMatrix.FromPositions(new TestRandom(23).CubePositions(50, 3), 3, 3.0);
        double median = Median(couplings.NearestNeighbourCouplings.ToArray());
        double[] tau = [0.01 / median, 0.3 / median, 2.0 / median];
        var p = new double[couplings.N];
        foreach (double t in tau)
        {
            SpinProductKernel.SpinProducts(couplings, t, p, SpinProductKernel.BestPath);
            for (int i = 0; i < couplings.N; i++)
            {
                double expected = 1.0;
                for (int k = 0; k < couplings.N; k++)
                {
                    if (k != i)
                    {
                        expected *= Math.Cos(couplings.TwoJ(i, k) * t);
                    }
                }

                Assert.True(Math.Abs(p[i] - expected) <= (1e-12 * Math.Abs(expected)) + 1e-300, $"P_{i}({t}) = {p[i]}, expected {expected}");
            }
        }
    }

    [Fact]
    public void UnderflowingProductsAreZeroOrNormal()
    {
        // 1100 spins at random phase: ln|cos| averages -ln 2, so a typical P_i is near 2^-1100.
        var couplings = CouplingMatrix.FromPositions(new TestRandom(31).CubePositions(1100, 3), 3, 3.0);
        double tau = 1e4;
        int tiny = 0;
        for (int i = 0; i < couplings.N; i++)
        {
            double logP = 0;
            for (int k = 0; k < couplings.N; k++)
            {
                logP += k == i ? 0 : Math.Log(Math.Abs(Math.Cos(couplings.TwoJ(i, k) * tau)));
            }

            tiny += logP < Math.Log(1e-300) ? 1 : 0;
        }

        Assert.True(tiny > couplings.N / 2, $"only {tiny} spins have P below 1e-300; the test system does not underflow");
        var p = new double[couplings.N];
        foreach (var path in AvailablePaths)
        {
            SpinProductKernel.SpinProducts(couplings, tau, p, path);
            Assert.All(p, v => Assert.True(v == 0.0 || double.IsNormal(v), $"{path}: {v} is subnormal"));
            Assert.Contains(0.0, p);
            var (mag, pur, _) = Run(couplings, [tau], [], path);
            Assert.True(mag[0] == 0.0 || double.IsNormal(mag[0]));
            Assert.True(pur[0] == 0.0 || double.IsNormal(pur[0]));
        }
    }

    [Fact]
    public void RejectsBadArguments()
    {
        var couplings = CouplingMatrix.FromPositions(new TestRandom(41).CubePositions(5, 3), 3, 6.0);
        var path = SpinProductKernel.BestPath;
        double[] tau = [1.0, 2.0];
        Assert.Throws<ArgumentException>("mag", () => SpinProductKernel.Evaluate(couplings, tau, new double[1], new double[2], [], [], path));
        Assert.Throws<ArgumentException>("pur", () => SpinProductKernel.Evaluate(couplings, tau, new double[2], new double[3], [], [], path));
        Assert.Throws<ArgumentException>("spinCurves", () => SpinProductKernel.Evaluate(couplings, tau, new double[2], new double[2], [1], new double[3], path));
        Assert.Throws<ArgumentOutOfRangeException>("spins", () => SpinProductKernel.Evaluate(couplings, tau, new double[2], new double[2], [5], new double[2], path));
        Assert.Throws<ArgumentException>("tau", () => SpinProductKernel.Evaluate(couplings, [double.NaN], new double[1], new double[1], [], [], path));
        Assert.Throws<ArgumentException>("p", () => SpinProductKernel.SpinProducts(couplings, 1.0, new double[4], path));
        Assert.Throws<ArgumentOutOfRangeException>("path", () => SpinProductKernel.SpinProducts(couplings, 1.0, new double[5], (KernelPath)99));
        Assert.Throws<ArgumentNullException>("couplings", () => SpinProductKernel.SpinProducts(null!, 1.0, new double[5], path));
    }

    [Fact]
    public void BestPathIsSupportedAndScalarAlwaysIs()
    {
        Assert.True(SpinProductKernel.IsSupported(KernelPath.Scalar));
        Assert.True(SpinProductKernel.IsSupported(SpinProductKernel.BestPath));
    }

    // From well inside the 1e-12 regime to arguments of 1e12, 1e38 and 1e300, plus tau = 0 and a
    // negative tau.
    private static double[] TausUpToHugeArguments(CouplingMatrix couplings)
    {
        double max = 0;
        foreach (double v in couplings.PackedTwoJ)
        {
            max = Math.Max(max, v);
        }

        var tau = new List<double> { 0.0, -0.7 / max };
        for (int e = -4; e <= 14; e++)
        {
            tau.Add(Math.Pow(10, e) / max);
        }

        tau.AddRange([1e12 / max, 1e38 / max, 1e300 / max, 1.5e5, 3e9]);
        return tau.Where(double.IsFinite).ToArray();
    }

    private static (double[] Mag, double[] Pur, double[] Curves) Run(CouplingMatrix couplings, double[] tau, int[] spins, KernelPath path)
    {
        var mag = new double[tau.Length];
        var pur = new double[tau.Length];
        var curves = new double[spins.Length * tau.Length];
        SpinProductKernel.Evaluate(couplings, tau, mag, pur, spins, curves, path);
        return (mag, pur, curves);
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        int n = values.Length;
        return n % 2 == 1 ? values[n / 2] : 0.5 * (values[(n / 2) - 1] + values[n / 2]);
    }

    private static void AssertRelative(double expected, double actual, double tolerance, string what)
        => Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R}");

    private static void AssertBitwise(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.DoubleToUInt64Bits(expected[i]) == BitConverter.DoubleToUInt64Bits(actual[i]), $"{what}[{i}]: {expected[i]:R} vs {actual[i]:R}");
        }
    }
}
