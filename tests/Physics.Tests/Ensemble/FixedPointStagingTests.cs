using Sweep.Physics.Ensemble;

namespace Sweep.Physics.Tests.Ensemble;

/// <summary>
/// The accumulator's staged (vector) add against the direct Int128 sum of FixedPoint.FromDouble,
/// over more adds than one staging holds and over values at the edges of the fixed-point grid.
/// </summary>
public class FixedPointStagingTests
{
    private const int T = 203; // not a multiple of the vector width: the tail is added directly

    [Fact]
    public void StagedSumsEqualTheDirectSumsOverSeveralFolds()
    {
        var rng = new System.Random(12345);
        double[] special = [1.0, -1.0, 0.0, -0.0, double.Epsilon, -double.Epsilon, Math.ScaleB(1.0, -51), Math.ScaleB(1.0, -52) * 3, Math.ScaleB(1.0, -105), Math.ScaleB(3.0, -106), 0.5, -0.75, Math.BitDecrement(1.0), 1e-300];
        var acc = new EnsembleAccumulator(T);
        var mag = new Int128[EnsembleAccumulator.Blocks * T];
        var pur = new Int128[EnsembleAccumulator.Blocks * T];
        var mag2 = new Int128[T];
        var pur2 = new Int128[T];
        var m = new double[T];
        var p = new double[T];
        int realizations = (2 * FixedPointStaging.MaxAdds) + 77;
        for (long r = 0; r < realizations; r++)
        {
            for (int k = 0; k < T; k++)
            {
                m[k] = rng.Next(4) == 0 ? special[rng.Next(special.Length)] : (2 * rng.NextDouble()) - 1;
                p[k] = rng.Next(4) == 0 ? special[rng.Next(special.Length)] : Math.ScaleB(rng.NextDouble(), -rng.Next(80));
            }

            acc.Add(r, m, p, 1.0);
            int offset = EnsembleAccumulator.BlockOf(r) * T;
            for (int k = 0; k < T; k++)
            {
                mag[offset + k] += FixedPoint.FromDouble(m[k]);
                pur[offset + k] += FixedPoint.FromDouble(p[k]);
                mag2[k] += FixedPoint.FromDouble(m[k] * m[k]);
                pur2[k] += FixedPoint.FromDouble(p[k] * p[k]);
            }

            if (r == FixedPointStaging.MaxAdds + 5)
            {
                // A read in the middle folds the staging; adding goes on from there.
                Assert.Equal(mag, acc.Export().Mag);
            }
        }

        EnsembleSums sums = acc.Export();
        Assert.Equal(mag, sums.Mag);
        Assert.Equal(pur, sums.Pur);
        Assert.Equal(mag2, sums.MagSquares);
        Assert.Equal(pur2, sums.PurSquares);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void ValuesOutsideTheUnitIntervalAreStillRefused(double bad)
    {
        var acc = new EnsembleAccumulator(T);
        var m = new double[T];
        m[2] = bad;
        Assert.Throws<ArgumentOutOfRangeException>(() => acc.Add(0, m, new double[T], 1.0));
    }
}
