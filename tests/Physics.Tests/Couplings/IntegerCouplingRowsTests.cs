using Sweep.Physics.Couplings;
using Sweep.Physics.Points;

namespace Sweep.Physics.Tests.Couplings;

/// <summary>
/// The vector build of integer-alpha couplings against the scalar loop it replaced, written out
/// here: the same bits for every pair, the same padding zeros and the same largest couplings.
/// </summary>
public class IntegerCouplingRowsTests
{
    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        foreach (int d in new[] { 1, 2, 3 })
        {
            foreach (int n in new[] { 1, 2, 3, 7, 8, 9, 15, 16, 17, 24, 63, 100 })
            {
                data.Add(d, n);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesTheScalarBuildBitForBit(int d, int n)
    {
        for (int alpha = d; alpha <= 10; alpha++)
        {
            foreach (double x in new[] { 1e-4, 0.01 })
            {
                double[] positions = Realization.Positions(new GridPoint(d, alpha, x, n), 11, alpha);
                var matrix = CouplingMatrix.FromPositions(positions, d, alpha);
                var maxJ = new double[n];
                for (int i = 0; i < n; i++)
                {
                    ReadOnlySpan<double> row = matrix.PackedTwoJ.Slice(matrix.RowOffset(i), matrix.PaddedRowLength(i));
                    for (int k = i + 1; k < n; k++)
                    {
                        double dist2 = 0;
                        for (int c = 0; c < d; c++)
                        {
                            double delta = positions[(i * d) + c] - positions[(k * d) + c];
                            dist2 += delta * delta;
                        }

                        double j = 1.0 / IntegerPower.Of(Math.Sqrt(dist2), alpha);
                        Assert.Equal(BitConverter.DoubleToInt64Bits(2.0 * j), BitConverter.DoubleToInt64Bits(row[k - i - 1]));
                        maxJ[i] = Math.Max(maxJ[i], j);
                        maxJ[k] = Math.Max(maxJ[k], j);
                    }

                    Assert.All(row[(n - 1 - i)..].ToArray(), v => Assert.Equal(0L, BitConverter.DoubleToInt64Bits(v)));
                }

                Assert.Equal(maxJ, matrix.NearestNeighbourCouplings.ToArray());
            }
        }
    }
}
