using Sweep.Physics.Kernel;

namespace Sweep.Physics.Tests.Kernel;

/// <summary>
/// The accelerated kernel's lane code against its scalar code, on every machine: without the
/// instructions, Vector256 and Vector512 run in software with the same IEEE operations, so these
/// tests hold the AVX-512 paths even where the batch tests can only take the scalar and AVX2 ones.
/// </summary>
public class LanePathsTests
{
    private static readonly KernelPath[] LanePaths = [KernelPath.Avx2, KernelPath.Avx512];

    [Fact]
    public void Near_products_in_lanes_across_the_taus_are_the_scalar_products_in_any_window()
    {
        var rng = new System.Random(4);
        for (int trial = 0; trial < 60; trial++)
        {
            int steps = 1 + rng.Next(40);
            var tau = new double[steps + 64];
            double start = Math.Pow(10, 6 + (6 * rng.NextDouble()));
            for (int m = 0; m < steps; m++)
            {
                // Descending |tau| with either sign, as the kernel's steps.
                tau[m] = start * Math.Pow(10, -0.4 * m) * (rng.Next(4) == 0 ? -1 : 1);
            }

            // Couplings from far below the far limit to past 2^42 / tau and infinite (coincident spins).
            var near = Enumerable.Range(0, rng.Next(12)).Select(_ => Math.Pow(10, (40 * rng.NextDouble()) - 14)).ToList();
            if (trial % 7 == 0)
            {
                near.Add(double.PositiveInfinity);
            }

            double[] sorted = [.. near.Order()];
            int[] ends = [.. sorted.Select(v => NearPairs.TurnStep(v, tau, steps, AcceleratedSpinProductKernel.FarLimit))];
            for (int e = 0; e < sorted.Length; e++)
            {
                // A coupling is a factor exactly while v |tau| is above the far limit.
                int expectedEnd = Enumerable.Range(0, steps).FirstOrDefault(m => sorted[e] * Math.Abs(tau[m]) <= AcceleratedSpinProductKernel.FarLimit, steps);
                Assert.Equal(expectedEnd, ends[e]);
            }

            // Each coupling its own pair, numbered in a scrambled order as the kernel numbers
            // them (by turn step, across spins); windows of 8, 16 and 64 steps on every path,
            // the products written by step into a table of 3 spins (this one the middle).
            int[] number = [.. Enumerable.Range(0, sorted.Length).OrderBy(_ => rng.Next())];
            var pairValue = new double[sorted.Length];
            var pairEnd = new int[sorted.Length];
            for (int e = 0; e < sorted.Length; e++)
            {
                pairValue[number[e]] = sorted[e];
                pairEnd[number[e]] = ends[e];
            }

            var whole = new double[steps];
            foreach (KernelPath path in (KernelPath[])[KernelPath.Scalar, .. LanePaths])
            {
                foreach (int window in new[] { 8, 16, 64 })
                {
                    const int Stride = 3;
                    for (int first = 0; first < steps; first += window)
                    {
                        var table = new double[sorted.Length * window];
                        NearProductTable.FillPairs(path, pairValue, pairEnd, tau, first, window, table);
                        var products = Enumerable.Repeat(1.0, window * Stride).ToArray();
                        NearProductTable.MultiplyColumn(path, number, ends, table, first, window, products.AsSpan(1), Stride);
                        for (int j = 0; j < window && first + j < steps; j++)
                        {
                            if (path == KernelPath.Scalar && window == 8)
                            {
                                whole[first + j] = products[(j * Stride) + 1];
                            }

                            Assert.True(BitConverter.DoubleToInt64Bits(whole[first + j]) == BitConverter.DoubleToInt64Bits(products[(j * Stride) + 1]), $"{path}, window {window}, trial {trial}, step {first + j}: {products[(j * Stride) + 1]:R}, scalar {whole[first + j]:R}");
                        }

                        for (int j = 0; j < window; j++)
                        {
                            // The neighbours' entries are not touched.
                            Assert.Equal(1.0, products[j * Stride]);
                            Assert.Equal(1.0, products[(j * Stride) + 2]);
                        }
                    }
                }
            }

            for (int m = 0; m < steps; m++)
            {
                // The scalar window is the product of the cosines of the couplings still near.
                double product = 1.0;
                for (int e = 0; e < sorted.Length; e++)
                {
                    if (m < ends[e])
                    {
                        product = UnderflowFlush.Apply(product * PeriodicCosine.Cos(sorted[e] * tau[m]));
                    }
                }

                Assert.Equal(BitConverter.DoubleToInt64Bits(product), BitConverter.DoubleToInt64Bits(whole[m]));
            }
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(104)]
    public void The_series_step_on_two_vectors_per_pass_is_the_scalar_step(int count)
    {
        var rng = new System.Random(count);
        const int Terms = 12;
        int stride = count + 16;
        // Power sums from zero to large, coefficients negative as the log-cosine series'.
        double[] sums = [.. Enumerable.Range(0, (Terms + 1) * stride).Select(_ => rng.Next(5) == 0 ? 0.0 : Math.Pow(10, (8 * rng.NextDouble()) - 4))];
        double[] a = [.. Enumerable.Range(0, Terms).Select(m => -Math.Pow(10, (4 * rng.NextDouble()) - 2) / (m + 1))];
        double[] nearProduct = [.. Enumerable.Range(0, count).Select(_ => (2 * rng.NextDouble()) - 1)];
        var expected = (P: new double[count], Bound: new double[count]);
        FarSeriesKernel.Run(KernelPath.Scalar, sums, stride, count, a, 1e-3, nearProduct, expected.P, expected.Bound, 0.0, double.PositiveInfinity);
        foreach (KernelPath path in LanePaths)
        {
            var actual = (P: new double[count], Bound: new double[count]);
            FarSeriesKernel.Run(path, sums, stride, count, a, 1e-3, nearProduct, actual.P, actual.Bound, 0.0, double.PositiveInfinity);
            Assert.Equal(expected.P.Select(BitConverter.DoubleToInt64Bits), actual.P.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(expected.Bound.Select(BitConverter.DoubleToInt64Bits), actual.Bound.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(104)]
    public void The_series_step_tells_whether_any_spin_is_over_its_budget_on_every_path(int count)
    {
        var rng = new System.Random(count);
        const int Terms = 12;
        const double Dropped = 1e-12;
        int stride = count + 16;
        // Small terms, so that every P is of order one and differs from the others.
        double[] sums = [.. Enumerable.Range(0, (Terms + 1) * stride).Select(_ => rng.NextDouble())];
        double[] a = [.. Enumerable.Range(0, Terms).Select(m => -rng.NextDouble() / (m + 1))];
        double[] nearProduct = [.. Enumerable.Range(0, count).Select(_ => 0.5 + (0.5 * rng.NextDouble()))];
        var reference = (P: new double[count], Bound: new double[count]);
        FarSeriesKernel.Run(KernelPath.Scalar, sums, stride, count, a, 1e-9, nearProduct, reference.P, reference.Bound, Dropped, double.PositiveInfinity);
        double[] need = [.. Enumerable.Range(0, count).Select(i => Math.Abs(reference.P[i]) * (reference.Bound[i] + Dropped)).Order()];
        Assert.True(need[0] > 0 && need[^2] < need[^1]);

        // Every spin over, none over, and the one spin with the largest need alone over.
        foreach (KernelPath path in (KernelPath[])[KernelPath.Scalar, .. LanePaths])
        {
            foreach ((double budget, bool over) in (ReadOnlySpan<(double, bool)>)[(need[0] / 2, true), (need[^1], false), (need[^2] + ((need[^1] - need[^2]) / 2), true)])
            {
                var actual = (P: new double[count], Bound: new double[count]);
                Assert.Equal(over, FarSeriesKernel.Run(path, sums, stride, count, a, 1e-9, nearProduct, actual.P, actual.Bound, Dropped, budget));
                Assert.Equal(over, Enumerable.Range(0, count).Any(i => FarSeriesKernel.OverBudget(actual.P[i], actual.Bound[i], Dropped, budget)));
            }
        }
    }

    [Fact]
    public void Rescaling_in_lanes_multiplies_and_flushes_each_value_as_the_scalar_loop()
    {
        double[] values = [0.0, -0.0, 1.0, -3.5, 1e-140, -1e-149, 3e-151, 1e300, double.PositiveInfinity, double.NaN, 2.5e-8, 7.0, 1e-200, -1e200, 0.125, 9.9];
        double[] factors = [Math.ScaleB(1.0, 24), Math.ScaleB(1.0, -24), Math.ScaleB(1.0, -1000), double.PositiveInfinity, 0.0];
        foreach (double factor in factors)
        {
            for (int length = 1; length <= values.Length; length++)
            {
                double[] expected = values[..length];
                UnderflowFlush.ApplyScaled(KernelPath.Scalar, expected, factor);
                foreach (KernelPath path in LanePaths)
                {
                    double[] actual = values[..length];
                    UnderflowFlush.ApplyScaled(path, actual, factor);
                    Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
                }
            }
        }
    }
}
