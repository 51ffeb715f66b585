using Sweep.Physics.Couplings;
using Sweep.Physics.Ensemble;
using Sweep.Physics.Fits;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Time;

namespace Sweep.Physics.Tests.Couplings;

public class CouplingStorageTests
{
    [Theory]
    [InlineData(1, 3.0, 37)]
    [InlineData(2, 2.5, 64)]
    [InlineData(3, 6.0, 101)]
    public void Couplings_built_in_a_used_array_equal_fresh_ones_padding_included(int d, double alpha, int n)
    {
        var point = new GridPoint(d, alpha, 0.01, n);
        double[] positions = Realization.Positions(point, 3, 1);
        CouplingMatrix fresh = CouplingMatrix.FromPositions(positions, d, alpha);

        // A larger array full of another realization's values and of garbage past its end.
        var storage = new double[CouplingMatrix.PackedLength(n) + 100];
        storage.AsSpan().Fill(double.NaN);
        CouplingMatrix.FromPositions(Realization.Positions(point, 3, 2), d, alpha, storage);
        CouplingMatrix reused = CouplingMatrix.FromPositions(positions, d, alpha, storage);

        Assert.Equal(CouplingMatrix.PackedLength(n), reused.PackedTwoJ.Length);
        Assert.Equal(fresh.PackedTwoJ.ToArray().Select(BitConverter.DoubleToInt64Bits), reused.PackedTwoJ.ToArray().Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(fresh.NearestNeighbourCouplings.ToArray(), reused.NearestNeighbourCouplings.ToArray());
    }

    [Fact]
    public void A_batch_reusing_one_coupling_array_gives_the_bits_of_realizations_computed_alone()
    {
        var point = new GridPoint(3, 6, 1e-3, 70);
        var settings = new PointSettings(5, 40, TimeUnit.PerRealization, FitWindow.Default, SpinKernelChoice.Accelerated(1e-10));
        double[] t = settings.TimeGrid(point);
        var alone = new EnsembleAccumulator(t.Length);
        for (long r = 4; r < 10; r++)
        {
            RealizationCurves c = Realization.Compute(point, 5, r, t, settings.TimeUnit, settings.Kernel, SpinProductKernel.BestPath);
            alone.Add(r, c.Mag, c.Pur, c.JnnRatio);
        }

        var batch = Realization.ComputeBatch(point, 5, 4, 6, t, settings.TimeUnit, settings.Kernel, SpinProductKernel.BestPath);
        Assert.Equal(alone.Average().Mag.Select(BitConverter.DoubleToInt64Bits), batch.Average().Mag.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(alone.Average().PurSem.Select(BitConverter.DoubleToInt64Bits), batch.Average().PurSem.Select(BitConverter.DoubleToInt64Bits));
    }
}
