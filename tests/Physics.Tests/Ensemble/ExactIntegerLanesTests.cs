using System.Runtime.Intrinsics;
using Sweep.Physics.Ensemble;

namespace Sweep.Physics.Tests.Ensemble;

/// <summary>
/// The bit paths of the exact double-to-long conversion against the scalar cast, on every
/// machine: an AVX-512 machine takes the hardware conversion in the accumulator, so these are
/// the tests that hold the AVX2 path there.
/// </summary>
public class ExactIntegerLanesTests
{
    private static readonly double TwoTo51 = Math.ScaleB(1.0, 51);
    private static readonly double TwoTo52 = Math.ScaleB(1.0, 52);

    [Fact]
    public void BelowTwoTo52_converts_the_edges_and_random_integers_exactly()
    {
        double[] edges = [0.0, -0.0, 1, 2, 3, TwoTo51 - 1, TwoTo51, TwoTo51 + 1, TwoTo52 - 2, TwoTo52 - 1];
        var rng = new System.Random(52);
        var values = edges.Concat(Enumerable.Range(0, 4000).Select(_ => Math.Floor(rng.NextDouble() * TwoTo52))).ToArray();
        AssertConverts(values, ExactIntegerLanes.FromBelow2To52Bits);
    }

    [Fact]
    public void WithinTwoTo52_converts_the_edges_and_random_integers_of_either_sign_exactly()
    {
        double[] edges = [0.0, -0.0, 1, -1, 2, -2, 3, -3, TwoTo51 - 1, TwoTo51, TwoTo51 + 1, -(TwoTo51 - 1), -TwoTo51, -(TwoTo51 + 1), TwoTo52 - 1, TwoTo52, -(TwoTo52 - 1), -TwoTo52];
        var rng = new System.Random(104);
        var values = edges.Concat(Enumerable.Range(0, 4000).Select(_ => Math.Floor(((2 * rng.NextDouble()) - 1) * TwoTo52))).ToArray();
        AssertConverts(values, ExactIntegerLanes.FromWithin2To52Bits);
    }

    [Fact]
    public void The_path_the_accumulator_takes_agrees_with_both_bit_paths()
    {
        var lanes = Vector256.Create(-TwoTo52, -3.0, TwoTo51 + 1, TwoTo52);
        Assert.Equal(ExactIntegerLanes.FromWithin2To52Bits(lanes), ExactIntegerLanes.FromWithin2To52(lanes));
        var low = Vector256.Create(0.0, 1.0, TwoTo51, TwoTo52 - 1);
        Assert.Equal(ExactIntegerLanes.FromBelow2To52Bits(low), ExactIntegerLanes.FromBelow2To52(low));
    }

    private static void AssertConverts(double[] values, Func<Vector256<double>, Vector256<long>> convert)
    {
        for (int k = 0; k + 4 <= values.Length; k += 4)
        {
            Vector256<long> got = convert(Vector256.Create(values.AsSpan(k, 4)));
            for (int lane = 0; lane < 4; lane++)
            {
                Assert.True((long)values[k + lane] == got[lane], $"{values[k + lane]:R} converted to {got[lane]}");
            }
        }
    }
}
