using Sweep.Physics.Couplings;
using Sweep.Physics.Ensemble;
using Sweep.Physics.Fits;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Time;

namespace Sweep.Physics.Tests.Points;

public class CellRealizationTests
{
    [Theory]
    [InlineData(1, 10.0, 2)]
    [InlineData(1, 10.0, 3)]
    [InlineData(3, 6.0, 3)]
    public void AnyBatchingAndAnyWorkerCountGiveTheSameBits(int d, double alpha, int version)
    {
        var kernel = SpinKernelChoice.Accelerated(1e-10, version);
        var point = new GridPoint(d, alpha, 1e-4, CellSpinProductKernel.MinSpins);
        var settings = new PointSettings(3, 30, TimeUnit.PerRealization, FitWindow.Default, kernel);
        double[] t = settings.TimeGrid(point);
        var whole = Realization.ComputeBatch(point, 3, 0, 3, t, settings.TimeUnit, kernel, SpinProductKernel.BestPath);
        var split = Realization.ComputeBatch(point, 3, 0, 1, t, settings.TimeUnit, kernel, KernelPath.Scalar);
        split.Merge(Realization.ComputeBatch(point, 3, 1, 2, t, settings.TimeUnit, kernel, SpinProductKernel.BestPath));
        var parallel = PointComputation.Run(point, settings, 3, 2, SpinProductKernel.BestPath);
        foreach (EnsembleAccumulator other in new[] { split, parallel })
        {
            Assert.Equal(whole.Average().Mag.Select(BitConverter.DoubleToInt64Bits), other.Average().Mag.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(whole.Average().Pur.Select(BitConverter.DoubleToInt64Bits), other.Average().Pur.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(BitConverter.DoubleToInt64Bits(whole.Average().JnnRatio), BitConverter.DoubleToInt64Bits(other.Average().JnnRatio));
        }
    }

    [Fact]
    public void NearestNeighbourCouplingsFromCellsHaveTheMatrixBits()
    {
        foreach (var (d, alpha, x, n) in new[] { (3, 6.0, 1e-4, 2000), (2, 2.5, 0.5, 1500), (1, 10.0, 1e-4, 900) })
        {
            double[] positions = Realization.Positions(new GridPoint(d, alpha, x, n), 4, 1);
            var matrix = CouplingMatrix.FromPositions(positions, d, alpha);
            Assert.Equal(
                matrix.NearestNeighbourCouplings.ToArray().Select(BitConverter.DoubleToInt64Bits),
                NearestNeighbour.Couplings(positions, d, alpha).Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void ALargeSnapshotComesFromTheCellKernelAndAgreesWithItself()
    {
        var point = new GridPoint(1, 10.0, 1e-4, CellSpinProductKernel.MinSpins);
        double[] t = [.. SpinSnapshot.DefaultHistogramTimes];
        SpinSnapshot snapshot = SpinSnapshot.Compute(point, 2, t, TimeUnit.Common, SpinProductKernel.BestPath);
        Assert.Equal(point.N, snapshot.N);
        Assert.Equal(SpinSnapshot.MaxCurves, snapshot.Spins.Length);
        Assert.Equal(t.Length * point.N, snapshot.AtHistogramTimes.Length);
        // The curves sampled at the histogram times and the histogram data are two evaluations,
        // each within tolerance/4 of the exact products.
        for (int s = 0; s < snapshot.Spins.Length; s++)
        {
            for (int h = 0; h < t.Length; h++)
            {
                double curve = snapshot.Curves[(s * t.Length) + h];
                double histogram = snapshot.AtHistogramTimes[(h * point.N) + snapshot.Spins[s]];
                Assert.True(Math.Abs(curve - histogram) <= AcceleratedSpinProductKernel.DefaultTolerance / 2, $"spin {snapshot.Spins[s]} at t = {t[h]}: {curve:R} vs {histogram:R}");
            }
        }
    }
}
