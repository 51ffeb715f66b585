using Sweep.Physics.Kernel;
using Xunit;

namespace Sweep.Physics.Tests.Kernel;

public class NearCouplingsTests
{
    // Lists below, at and above the length where the insertion sort hands over to Array.Sort,
    // with repeated values (two pairs at the same distance) and an infinite coupling
    // (coincident spins), added in a scrambled order.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(9)]
    [InlineData(24)]
    [InlineData(25)]
    [InlineData(60)]
    public void Each_spins_list_comes_out_ascending_as_Array_Sort_orders_it(int length)
    {
        var rng = new System.Random(length);
        double[] values = [.. Enumerable.Range(0, length).Select(_ => rng.Next(4) == 0 ? 3.0 : Math.Pow(10, (12 * rng.NextDouble()) - 6))];
        if (length > 2)
        {
            values[length / 2] = double.PositiveInfinity;
        }

        var near = new NearCouplings(2);
        foreach (double v in values)
        {
            near.Add(1, v);
        }

        near.Sort();
        double[] expected = [.. values];
        Array.Sort(expected);
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), near.Near(1).ToArray().Select(BitConverter.DoubleToInt64Bits));
        Assert.True(near.Near(0).IsEmpty);
    }
}
