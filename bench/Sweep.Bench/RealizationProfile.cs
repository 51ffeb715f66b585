using System.Diagnostics;
using System.Globalization;
using Sweep.Physics.Analytic;
using Sweep.Physics.Couplings;
using Sweep.Physics.Ensemble;
using Sweep.Physics.Geometry;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Random;
using Sweep.Physics.Time;

namespace Sweep.Bench;

/// <summary>
/// Where a realization's time goes, per block of fig2bc.json, on one thread with a Stopwatch
/// around each step of a realization as a batch computes it (the steps of
/// <c>Realization.Evaluate</c>, then the accumulator's add): `Sweep.Bench realization-profile
/// [samples]`. For every (d, N) of a block it computes `samples` realizations (fewer for large
/// N) at every alpha and x of the block, and prints per (d, N) the mean microseconds of each
/// step, and per block the one-core seconds the block's Ns imply. Only the accelerated kernel
/// below the cell kernel's threshold: version 4 (fig2bc.json's), or the version an argument
/// "v1" .. "v4" names.
/// </summary>
internal static class RealizationProfile
{
    private static readonly (string Name, int D, int[] Alphas, int[] Ns, int Realizations)[] Blocks =
    [
        ("3D", 3, [3, 4, 5, 6, 7, 8, 9, 10], [100, 200, 300, 500, 700, 1000, 1300], 200),
        ("2D", 2, [2, 3, 4, 5, 6, 7, 8, 9, 10], [50, 100, 200, 300, 400, 600, 800], 200),
        ("1D mag", 1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [2, 3, 4, 5, 6, 7, 8, 9, 10], 20000),
        ("1D pur", 1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 4000),
    ];

    private static readonly double[] Xs = [0.0001, 0.0003, 0.001, 0.003, 0.01];

    private static readonly string[] StepNames = ["seed+positions", "couplings", "median J_NN", "tau", "kernel", "accumulator add"];

    internal static int Run(string[] args)
    {
        var c = CultureInfo.InvariantCulture;
        int samples = args.Length > 0 ? int.Parse(args[0], c) : 64;
        string? only = args.Length > 1 && args[1] != "points" && !args[1].StartsWith('v') ? args[1] : null;
        bool perPoint = args.Contains("points");
        // "v1" .. "v4" picks the accelerated kernel's version; fig2bc.json names version 4.
        string? versionArg = args.FirstOrDefault(a => a.Length == 2 && a[0] == 'v' && char.IsAsciiDigit(a[1]));
        SpinKernelChoice kernel = SpinKernelChoice.Accelerated(1e-10, versionArg is null ? 4 : versionArg[1] - '0');
        Console.WriteLine($"# kernel {kernel.Code}");
        Console.WriteLine("block,d,N,realizations_timed," + string.Join(',', StepNames.Select(s => s.Replace(' ', '_') + "_us")) + ",total_us");
        foreach (var block in Blocks)
        {
            if (only is not null && block.Name.Replace(" ", string.Empty, StringComparison.Ordinal) != only)
            {
                continue;
            }

            double blockSeconds = 0;
            var blockSteps = new double[StepNames.Length];
            foreach (int n in block.Ns)
            {
                // Large realizations take milliseconds: fewer samples keep the profile short.
                int samplesAtN = Math.Max(1, Math.Min(samples, samples * 10 / n));
                var steps = new double[StepNames.Length];
                long timed = 0;
                foreach (int alpha in block.Alphas)
                {
                    foreach (double x in Xs)
                    {
                        var point = new GridPoint(block.D, alpha, x, n);
                        double before = steps.Sum();
                        Profile(point, kernel, samplesAtN, steps);
                        timed += samplesAtN;
                        if (perPoint)
                        {
                            Console.WriteLine(string.Create(c, $"#   {point}: {(steps.Sum() - before) / samplesAtN * 1e6:F1} us"));
                        }
                    }
                }

                double total = steps.Sum();
                Console.WriteLine(string.Create(c, $"{block.Name},{block.D},{n},{timed},{string.Join(',', steps.Select(s => (s / timed * 1e6).ToString("F2", c)))},{total / timed * 1e6:F2}"));
                // Seconds of one core for the block's Ns realizations at every alpha and x.
                double pointsAtN = block.Alphas.Length * Xs.Length;
                blockSeconds += total / timed * block.Realizations * pointsAtN;
                for (int s = 0; s < steps.Length; s++)
                {
                    blockSteps[s] += steps[s] / timed * block.Realizations * pointsAtN;
                }
            }

            Console.WriteLine(string.Create(c, $"# {block.Name}: {blockSeconds:F1} s of one core for the block's realizations; by step: {string.Join("; ", StepNames.Select((s, i) => $"{s} {blockSteps[i]:F1} s"))}"));
        }

        return 0;
    }

    // Realizations 0 .. count - 1 of one point, computed once per step count: pass s runs the
    // first s + 1 steps of every realization, and the difference of two passes' thread CPU time
    // is one step's cost. CPU time, not wall time: the machine is shared, and a preempted
    // Stopwatch lap would charge other tenants' time to whichever step was running.
    private static void Profile(GridPoint point, SpinKernelChoice kernel, int count, double[] steps)
    {
        double[] t = TimeGrid.Create(point.D, point.Alpha, TimeGrid.DefaultPoints);
        int timePoints = t.Length;
        var storage = new double[CouplingMatrix.PackedLength(point.N)];
        var positions = new double[point.N * point.D];
        var tau = new double[timePoints];
        var mag = new double[timePoints];
        var pur = new double[timePoints];
        double jnnInf = ThermodynamicLimit.JnnInf(point.D, point.Alpha, point.N);
        double previous = 0;
        for (int pass = 0; pass < steps.Length; pass++)
        {
            var acc = new EnsembleAccumulator(timePoints);
            double start = ThreadCpu.Seconds();
            for (long r = 0; r < count; r++)
            {
                RsaSampler.Sample(point.D, point.N, point.X, RealizationSeed.Generator(1, point.D, point.Alpha, point.X, point.N, r), positions);
                if (pass < 1)
                {
                    continue;
                }

                CouplingMatrix couplings = CouplingMatrix.FromPositions(positions, point.D, point.Alpha, storage);
                if (pass < 2)
                {
                    continue;
                }

                double median = NearestNeighbour.MedianCoupling(couplings);
                if (pass < 3)
                {
                    continue;
                }

                TimeGrid.ToTau(t, jnnInf, tau);
                if (pass < 4)
                {
                    continue;
                }

                kernel.Evaluate(couplings, tau, mag, pur, ReadOnlySpan<int>.Empty, Span<double>.Empty, SpinProductKernel.BestPath);
                if (pass < 5)
                {
                    continue;
                }

                acc.Add(r, mag, pur, median / jnnInf);
            }

            double elapsed = ThreadCpu.Seconds() - start;
            steps[pass] += Math.Max(0, elapsed - previous);
            previous = elapsed;
        }
    }
}
