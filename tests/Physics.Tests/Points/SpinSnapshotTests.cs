using Sweep.Physics.Analytic;
using Sweep.Physics.Couplings;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Time;

namespace Sweep.Physics.Tests.Points;

public class SpinSnapshotTests
{
    private static readonly GridPoint Point = new(3, 6, 1e-3, 120);

    [Fact]
    public void CurvesAndHistogramValuesAreTheKernelsSpinProductsOfRealizationZero()
    {
        double[] t = TimeGrid.Create(3, 6, 40);
        SpinSnapshot s = SpinSnapshot.Compute(Point, 7, t, TimeUnit.Common, KernelPath.Scalar);
        CouplingMatrix couplings = Realization.Couplings(Point, 7, 0);
        double jnnInf = ThermodynamicLimit.JnnInf(3, 6, 120);

        Assert.Equal(SpinSnapshot.MaxCurves, s.Spins.Length);
        Assert.Equal(120, s.N);
        var p = new double[120];
        for (int k = 0; k < t.Length; k += 7)
        {
            SpinProductKernel.SpinProducts(couplings, t[k] / jnnInf, p, KernelPath.Scalar);
            for (int c = 0; c < s.Spins.Length; c++)
            {
                Assert.Equal(p[s.Spins[c]], s.Curves[c * t.Length + k]);
            }
        }

        for (int h = 0; h < 3; h++)
        {
            SpinProductKernel.SpinProducts(couplings, s.HistogramTimes[h] / jnnInf, p, KernelPath.Scalar);
            Assert.Equal(p, s.AtHistogramTimes.AsSpan(h * 120, 120).ToArray());
        }

        Assert.Equal([1.0, 3.0, 10.0], s.HistogramTimes);
        Assert.Equal(couplings.NearestNeighbourCouplings[5] / jnnInf, s.NearestNeighbourCoupling[5]);
    }

    [Fact]
    public void PerRealizationUnitEvaluatesAtTheMedianCoupling()
    {
        double[] t = TimeGrid.Create(3, 6, 10);
        SpinSnapshot s = SpinSnapshot.Compute(Point, 7, t, TimeUnit.PerRealization, KernelPath.Scalar);
        CouplingMatrix couplings = Realization.Couplings(Point, 7, 0);
        var p = new double[120];
        SpinProductKernel.SpinProducts(couplings, 3.0 / NearestNeighbour.MedianCoupling(couplings), p, KernelPath.Scalar);
        Assert.Equal(p, s.AtHistogramTimes.AsSpan(120, 120).ToArray());
    }

    [Fact]
    public void ChosenSpinsSpanTheWeakestToTheStrongestCoupling()
    {
        double[] nn = Enumerable.Range(0, 200).Select(i => (double)((i * 37) % 200)).ToArray();
        int[] chosen = SpinSnapshot.ChooseSpins(nn, 50);
        Assert.Equal(50, chosen.Length);
        Assert.Equal(50, chosen.Distinct().Count());
        Assert.Equal(0.0, nn[chosen[0]]);
        Assert.Equal(199.0, nn[chosen[^1]]);
        Assert.True(chosen.Select(i => nn[i]).Zip(chosen.Skip(1).Select(i => nn[i])).All(pair => pair.First < pair.Second));
        Assert.Equal([2, 0, 1], SpinSnapshot.ChooseSpins([0.5, 0.7, 0.1], 50));
    }
}
