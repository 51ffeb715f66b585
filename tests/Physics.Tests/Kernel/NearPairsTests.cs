using Sweep.Physics.Kernel;
using Xunit;

namespace Sweep.Physics.Tests.Kernel;

public class NearPairsTests
{
    private const double FarLimit = AcceleratedSpinProductKernel.FarLimit;

    private static int LinearTurnStep(double v, double[] tau, int steps)
        => Enumerable.Range(0, steps).FirstOrDefault(m => v * Math.Abs(tau[m]) <= FarLimit, steps);

    private static double[] DescendingTaus(System.Random rng, int steps)
    {
        var tau = new double[steps + 8];
        double start = Math.Pow(10, 3 + (6 * rng.NextDouble()));
        for (int m = 0; m < steps; m++)
        {
            // Descending |tau| with either sign and a repeated magnitude now and then.
            double magnitude = start * Math.Pow(10, -0.3 * (m - (m % 5 == 4 ? 1 : 0)));
            tau[m] = magnitude * (rng.Next(4) == 0 ? -1 : 1);
        }

        return tau;
    }

    [Fact]
    public void The_turn_step_is_the_first_step_where_the_pair_is_far()
    {
        var rng = new System.Random(11);
        for (int trial = 0; trial < 40; trial++)
        {
            int steps = 1 + rng.Next(60);
            double[] tau = DescendingTaus(rng, steps);
            var couplings = Enumerable.Range(0, 30).Select(_ => Math.Pow(10, (16 * rng.NextDouble()) - 12)).ToList();
            // A coupling exactly at the limit at some step, an infinite one (coincident spins) and NaN.
            couplings.Add(FarLimit / Math.Abs(tau[rng.Next(steps)]));
            couplings.Add(double.PositiveInfinity);
            couplings.Add(double.NaN);
            foreach (double v in couplings)
            {
                Assert.Equal(LinearTurnStep(v, tau, steps), NearPairs.TurnStep(v, tau, steps, FarLimit));
            }
        }
    }

    // Pairs among a few spins (so that lists are long and values repeat), added in a scrambled order.
    [Theory]
    [InlineData(2, 1)]
    [InlineData(5, 12)]
    [InlineData(9, 40)]
    [InlineData(30, 200)]
    public void Lists_numbers_and_turnings_come_out_in_the_kernels_orders(int n, int pairs)
    {
        var rng = new System.Random((n * 100) + pairs);
        int steps = 50;
        double[] tau = DescendingTaus(rng, steps);
        var added = new List<(int I, int K, double V)>();
        var near = new NearPairs(n);
        for (int p = 0; p < pairs; p++)
        {
            int i = rng.Next(n - 1);
            int k = i + 1 + rng.Next(n - 1 - i);
            double v = rng.Next(5) == 0 ? 0.03 : rng.Next(40) == 0 ? double.PositiveInfinity : Math.Pow(10, (6 * rng.NextDouble()) - 5);
            added.Add((i, k, v));
            near.Add(i, k, v);
        }

        near.Prepare(tau, steps, FarLimit);
        Assert.Equal(pairs, near.Count);
        Assert.Equal(added.Select(a => a.V).Order().Select(BitConverter.DoubleToInt64Bits), near.Value.Order().Select(BitConverter.DoubleToInt64Bits));
        for (int q = 0; q < pairs; q++)
        {
            Assert.Equal(LinearTurnStep(near.Value[q], tau, steps), near.End[q]);
            if (q > 0)
            {
                // Pair numbers by descending turn step: the pairs near at a step come first.
                Assert.True(near.End[q] <= near.End[q - 1]);
            }
        }

        for (int spin = 0; spin < n; spin++)
        {
            double[] expected = [.. added.Where(a => a.I == spin || a.K == spin).Select(a => a.V)];
            Array.Sort(expected);
            ReadOnlySpan<int> numbers = near.Pairs(spin);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), numbers.ToArray().Select(q => BitConverter.DoubleToInt64Bits(near.Value[q])));
            Assert.Equal(numbers.ToArray().Select(q => near.End[q]), near.Ends(spin).ToArray());
            Assert.Equal(numbers.IsEmpty ? 0 : near.End[numbers[^1]], near.SpinEnd[spin]);
        }

        Assert.Equal(Enumerable.Range(0, n), near.SpinOrder.Order());
        Assert.Equal(near.SpinOrder.Select(i => near.SpinEnd[i]), near.SpinOrder.Select(i => near.SpinEnd[i]).OrderDescending());

        // Each pair turns far twice (once per spin) at its step, each spin's couplings ascending within the step.
        for (int m = 0; m <= steps; m++)
        {
            var turnings = Enumerable.Range(near.EventStart[m], near.EventStart[m + 1] - near.EventStart[m]).Select(e => (Spin: near.EventSpin[e], V: near.EventValue[e])).ToList();
            var expected = added.Where(a => LinearTurnStep(a.V, tau, steps) == m).SelectMany(a => new[] { (Spin: a.I, a.V), (Spin: a.K, a.V) });
            Assert.Equal(expected.Select(t => (t.Spin, BitConverter.DoubleToInt64Bits(t.V))).Order(), turnings.Select(t => (t.Spin, BitConverter.DoubleToInt64Bits(t.V))).Order());
            foreach (var group in turnings.GroupBy(t => t.Spin))
            {
                double[] values = [.. group.Select(t => t.V)];
                Assert.Equal(values.Order(), values);
            }
        }
    }
}
