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
        for (int p = 0; p < values.Length; p++)
        {
            near.Add(1, values[p], p);
        }

        near.Sort();
        double[] expected = [.. values];
        Array.Sort(expected);
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), near.Near(1).ToArray().Select(BitConverter.DoubleToInt64Bits));
        Assert.True(near.Near(0).IsEmpty);

        // Each pair number travels with its coupling, and renumbering follows the map.
        ReadOnlySpan<double> sorted = near.Near(1);
        int[] pairs = near.Pairs(1).ToArray();
        Assert.Equal(Enumerable.Range(0, length), pairs.Order());
        for (int e = 0; e < length; e++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(values[pairs[e]]), BitConverter.DoubleToInt64Bits(sorted[e]));
        }

        int[] newNumber = [.. Enumerable.Range(0, length).Select(p => length - 1 - p)];
        near.Renumber(newNumber);
        Assert.Equal(pairs.Select(p => length - 1 - p), near.Pairs(1).ToArray());
    }
}
