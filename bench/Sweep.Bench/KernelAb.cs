using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using Sweep.Physics.Analytic;
using Sweep.Physics.Couplings;
using Sweep.Physics.Geometry;
using Sweep.Physics.Kernel;
using Sweep.Physics.Random;
using Sweep.Physics.Time;

namespace Sweep.Bench;

/// <summary>
/// Two builds of Sweep.Physics side by side in one process:
/// `Sweep.Bench kernel-ab DIR_A DIR_B ROUNDS D N REPS VERSION_A VERSION_B`. Each DIR holds a
/// Sweep.Physics.dll (copy one from Physics/bin/Release/net10.0 of each build); this assembly is
/// loaded once per build into its own AssemblyLoadContext, and the two measure in alternating
/// rounds, so that the machine's drift (10 to 20% within minutes on a shared VM) falls on both.
/// A round evaluates 4 realizations at every alpha = D..10 and the five x of fig2bc.json, REPS
/// times, with the build's accelerated kernel of the given version at 1e-10 on the best path;
/// the couplings are rebuilt before each evaluation (not timed), so they are in cache as in a
/// batch. Prints each side's median microseconds per realization and the median of the rounds'
/// B/A ratios.
/// </summary>
internal static class KernelAb
{
    private static readonly double[] Xs = [0.0001, 0.0003, 0.001, 0.003, 0.01];

    internal static int Run(string[] args)
    {
        if (args.Length != 8)
        {
            Console.Error.WriteLine("usage: Sweep.Bench kernel-ab DIR_A DIR_B ROUNDS D N REPS VERSION_A VERSION_B");
            return 2;
        }

        var c = CultureInfo.InvariantCulture;
        int rounds = int.Parse(args[2], c);
        int d = int.Parse(args[3], c);
        int n = int.Parse(args[4], c);
        int reps = int.Parse(args[5], c);
        int[] versions = [int.Parse(args[6], c), int.Parse(args[7], c)];
        MethodInfo[] measure = [Load(args[0]), Load(args[1])];
        var times = new List<double>[] { [], [] };
        for (int round = 0; round < rounds; round++)
        {
            // A first in even rounds, B first in odd ones.
            for (int turn = 0; turn < 2; turn++)
            {
                int side = (round + turn) % 2;
                times[side].Add((double)measure[side].Invoke(null, [d, n, reps, versions[side]])!);
            }
        }

        var ratios = times[1].Zip(times[0], (b, a) => b / a).ToList();
        Console.WriteLine(string.Create(c, $"d = {d}, N = {n}: A (v{versions[0]}) {Median(times[0]):F1} us, B (v{versions[1]}) {Median(times[1]):F1} us per realization; B/A median of {rounds} round ratios {Median(ratios):F3}"));
        Console.WriteLine(string.Create(c, $"  A rounds: {string.Join(' ', times[0].Select(t => t.ToString("F1", c)))}"));
        Console.WriteLine(string.Create(c, $"  B rounds: {string.Join(' ', times[1].Select(t => t.ToString("F1", c)))}"));
        return 0;
    }

    // One build's Measure, from this assembly loaded beside that build's Sweep.Physics.
    private static MethodInfo Load(string directory)
    {
        string physics = Path.GetFullPath(Path.Combine(directory, "Sweep.Physics.dll"));
        if (!File.Exists(physics))
        {
            throw new FileNotFoundException($"no Sweep.Physics.dll in {directory}", physics);
        }

        var context = new BuildContext(physics);
        Assembly bench = context.LoadFromAssemblyPath(typeof(KernelAb).Assembly.Location);
        return bench.GetType(typeof(KernelAb).FullName!)!.GetMethod(nameof(Measure), BindingFlags.Static | BindingFlags.NonPublic)!;
    }

    // Microseconds per realization of the kernel alone (called through reflection in each context).
    private static double Measure(int d, int n, int reps, int version)
    {
        SpinKernelChoice kernel = SpinKernelChoice.Accelerated(1e-10, version);
        var realizations = new List<(double[] Positions, int Alpha, double[] Tau)>();
        for (int alpha = d; alpha <= 10; alpha++)
        {
            double[] tau = TimeGrid.ToTau(TimeGrid.Create(d, alpha), ThermodynamicLimit.JnnInf(d, alpha, n));
            foreach (double x in Xs)
            {
                for (int r = 0; r < 4; r++)
                {
                    realizations.Add((RsaSampler.Sample(d, n, x, RealizationSeed.Generator(1, d, alpha, x, n, r)), alpha, tau));
                }
            }
        }

        var storage = new double[CouplingMatrix.PackedLength(n)];
        var mag = new double[TimeGrid.DefaultPoints];
        var pur = new double[TimeGrid.DefaultPoints];
        var clock = new Stopwatch();
        for (int rep = 0; rep < reps; rep++)
        {
            foreach (var (positions, alpha, tau) in realizations)
            {
                CouplingMatrix couplings = CouplingMatrix.FromPositions(positions, d, alpha, storage);
                clock.Start();
                kernel.Evaluate(couplings, tau, mag, pur, ReadOnlySpan<int>.Empty, Span<double>.Empty, SpinProductKernel.BestPath);
                clock.Stop();
            }
        }

        return clock.Elapsed.TotalMicroseconds / (reps * realizations.Count);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    // Resolves Sweep.Physics to one build's file; everything else comes from the default context.
    private sealed class BuildContext(string physicsPath) : AssemblyLoadContext(isCollectible: false)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
            => assemblyName.Name == "Sweep.Physics" ? LoadFromAssemblyPath(physicsPath) : null;
    }
}
