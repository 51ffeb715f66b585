using Sweep.Physics.Couplings;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Time;

namespace Sweep.Physics.Tests.Kernel;

public class CellKernelTests
{
    private static readonly KernelPath[] AvailablePaths = Enum.GetValues<KernelPath>().Where(SpinProductKernel.IsSupported).ToArray();

    // Systems large enough that the final cubes stay well inside the ball, on a reduced t grid
    // (the full grid's range, fewer points), so the dropped tail and its bound are exercised.
    // Version 3 (the one-step radii) with the same cases, and three more: a slowly decaying tail
    // in 2D, alpha = d in 1D (the slowest), and a non-integer alpha, whose radii come from Math.Pow.
    [Theory]
    [InlineData(3, 6.0, 1e-4, 8000, 1e-10, 2)]
    [InlineData(3, 6.0, 1e-4, 3000, 1e-6, 2)]
    [InlineData(3, 10.0, 0.01, 2500, 1e-10, 2)]
    [InlineData(2, 4.0, 1e-3, 5000, 1e-7, 2)]
    [InlineData(1, 10.0, 1e-4, 3000, 1e-10, 2)]
    [InlineData(1, 3.0, 0.1, 3000, 1e-4, 2)]
    [InlineData(3, 6.0, 1e-4, 8000, 1e-10, 3)]
    [InlineData(3, 6.0, 1e-4, 3000, 1e-6, 3)]
    [InlineData(3, 10.0, 0.01, 2500, 1e-10, 3)]
    [InlineData(2, 4.0, 1e-3, 5000, 1e-7, 3)]
    [InlineData(1, 10.0, 1e-4, 3000, 1e-10, 3)]
    [InlineData(1, 3.0, 0.1, 3000, 1e-4, 3)]
    [InlineData(2, 3.0, 1e-3, 8000, 1e-5, 3)]
    [InlineData(1, 1.0, 1e-3, 8000, 1e-3, 3)]
    [InlineData(3, 5.5, 1e-3, 12000, 1e-9, 3)]
    public void StaysWithinTheToleranceOfTheExactKernelWithCubesSmallerThanTheSystem(int d, double alpha, double x, int n, double tolerance, int version)
    {
        var point = new GridPoint(d, alpha, x, n);
        double[] positions = Realization.Positions(point, 21, 0);
        var couplings = CouplingMatrix.FromPositions(positions, d, alpha);
        double[] tau = Realization.Tau(point, couplings, TimeGrid.Create(d, alpha, 14), TimeUnit.Common);
        int[] all = Enumerable.Range(0, n).ToArray();
        var exact = (Mag: new double[tau.Length], Pur: new double[tau.Length], Curves: new double[n * tau.Length]);
        SpinProductKernel.Evaluate(couplings, tau, exact.Mag, exact.Pur, all, exact.Curves, SpinProductKernel.BestPath);
        var cell = Run(positions, d, alpha, tau, all, tolerance, SpinProductKernel.BestPath, version);
        for (int k = 0; k < tau.Length; k++)
        {
            Assert.True(Math.Abs(cell.Mag[k] - exact.Mag[k]) <= tolerance / 4, $"mag[{k}]: {cell.Mag[k]:R} vs {exact.Mag[k]:R}");
            Assert.True(Math.Abs(cell.Pur[k] - exact.Pur[k]) <= tolerance / 2, $"pur[{k}]: {cell.Pur[k]:R} vs {exact.Pur[k]:R}");
        }

        for (int j = 0; j < exact.Curves.Length; j++)
        {
            Assert.True(Math.Abs(cell.Curves[j] - exact.Curves[j]) <= tolerance / 4, $"spin {j / tau.Length}, tau[{j % tau.Length}]: {cell.Curves[j]:R} vs {exact.Curves[j]:R}");
        }

        var (_, meanCube, cells) = CellSpinProductKernel.CubeStatistics(positions, d, alpha, tau, tolerance, version);
        Assert.True(2 * meanCube < cells, $"the mean cube ({meanCube} cells from the centre, of {cells} per side) spans the system: the tail is not tested");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void ALooserToleranceDropsMoreAndStillHoldsItsBound(int version)
    {
        var point = new GridPoint(3, 6.0, 1e-4, 3000);
        double[] positions = Realization.Positions(point, 5, 1);
        double[] tau = Realization.Tau(point, CouplingMatrix.FromPositions(positions, 3, 6.0), TimeGrid.Create(3, 6.0, 10), TimeUnit.Common);
        var tight = CellSpinProductKernel.CubeStatistics(positions, 3, 6.0, tau, 1e-12, version);
        var loose = CellSpinProductKernel.CubeStatistics(positions, 3, 6.0, tau, 1e-4, version);
        Assert.True(loose.MeanCube < tight.MeanCube, $"mean cube {loose.MeanCube} at 1e-4 vs {tight.MeanCube} at 1e-12");
    }

    [Theory]
    [InlineData(3, 6.0, 1e-4, 2000, 2)]
    [InlineData(2, 2.0, 0.01, 1500, 2)]
    [InlineData(1, 10.0, 1e-4, 1200, 2)]
    [InlineData(3, 3.5, 1.0, 700, 2)]
    [InlineData(3, 6.0, 1e-4, 2000, 3)]
    [InlineData(2, 2.0, 0.01, 1500, 3)]
    [InlineData(1, 10.0, 1e-4, 1200, 3)]
    [InlineData(3, 3.5, 1.0, 700, 3)]
    [InlineData(3, 5.5, 1e-3, 1800, 3)]
    public void EveryPathGivesTheSameBitsEveryTime(int d, double alpha, double x, int n, int version)
    {
        var point = new GridPoint(d, alpha, x, n);
        double[] positions = Realization.Positions(point, 9, 3);
        double[] t = TimeGrid.Create(d, alpha, 40);
        double[] tau = Realization.Tau(point, CouplingMatrix.FromPositions(positions, d, alpha), t, TimeUnit.Common);
        tau = [.. tau, 0.0, -tau[10], tau[20]];
        int[] spins = Enumerable.Range(0, n).Where(i => i % 97 == 0).ToArray();
        var reference = Run(positions, d, alpha, tau, spins, 1e-10, KernelPath.Scalar, version);
        foreach (var path in AvailablePaths)
        {
            for (int repeat = 0; repeat < 2; repeat++)
            {
                var result = Run(positions, d, alpha, tau, spins, 1e-10, path, version);
                AssertBitwise(reference.Mag, result.Mag, $"mag {path}");
                AssertBitwise(reference.Pur, result.Pur, $"pur {path}");
                AssertBitwise(reference.Curves, result.Curves, $"curves {path}");
            }
        }

        // Asking for spin curves never changes mag and pur.
        var without = Run(positions, d, alpha, tau, [], 1e-10, SpinProductKernel.BestPath, version);
        AssertBitwise(reference.Mag, without.Mag, "mag without curves");
        AssertBitwise(reference.Pur, without.Pur, "pur without curves");
    }

    [Fact]
    public void RejectsBadArguments()
    {
        double[] positions = new TestRandom(41).CubePositions(5, 3);
        var path = SpinProductKernel.BestPath;
        double[] tau = [1.0, 2.0];
        Assert.Throws<ArgumentException>("mag", () => CellSpinProductKernel.Evaluate(positions, 3, 6.0, tau, new double[1], new double[2], [], [], 1e-10, path));
        Assert.Throws<ArgumentOutOfRangeException>("spins", () => CellSpinProductKernel.Evaluate(positions, 3, 6.0, tau, new double[2], new double[2], [5], new double[2], 1e-10, path));
        Assert.Throws<ArgumentOutOfRangeException>("tau", () => CellSpinProductKernel.Evaluate(positions, 3, 6.0, [1e300], new double[1], new double[1], [], [], 1e-10, path));
        Assert.Throws<ArgumentOutOfRangeException>("positions", () => CellSpinProductKernel.Evaluate([2.0, 0.0, 0.0], 3, 6.0, tau, new double[2], new double[2], [], [], 1e-10, path));
        Assert.Throws<ArgumentException>("positions", () => CellSpinProductKernel.Evaluate([0.0, 0.0], 3, 6.0, tau, new double[2], new double[2], [], [], 1e-10, path));
        Assert.Throws<ArgumentOutOfRangeException>("tolerance", () => CellSpinProductKernel.Evaluate(positions, 3, 6.0, tau, new double[2], new double[2], [], [], 0.0, path));
        Assert.Throws<ArgumentOutOfRangeException>("d", () => CellSpinProductKernel.Evaluate(positions, 4, 6.0, tau, new double[2], new double[2], [], [], 1e-10, path));
        Assert.Throws<ArgumentOutOfRangeException>("version", () => CellSpinProductKernel.Evaluate(positions, 3, 6.0, tau, new double[2], new double[2], [], [], 1e-10, path, 1));
    }

    private static (double[] Mag, double[] Pur, double[] Curves) Run(double[] positions, int d, double alpha, double[] tau, int[] spins, double tolerance, KernelPath path, int version)
    {
        var mag = new double[tau.Length];
        var pur = new double[tau.Length];
        var curves = new double[spins.Length * tau.Length];
        CellSpinProductKernel.Evaluate(positions, d, alpha, tau, mag, pur, spins, curves, tolerance, path, version);
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
