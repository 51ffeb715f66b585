using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Time;

namespace Sweep.CampaignBench;

/// <summary>
/// `snapshot-size [--n N1,N2,..] [--t-points T] [--d D] [--alpha A] [--x X] [--synthetic]`: computes
/// the Fig. 1 snapshot of realization 0 (seed 1, common time unit) at each N and prints the bytes of its
/// stored record in Orleans' binary serialization, the way the store writes it (inside the batch
/// header and the point's state): the full form older builds stored (every spin's P_i at the
/// histogram times and every spin's coupling) and the summary stored now. `--synthetic` fills a
/// snapshot of the same shape with random values in range instead of computing it (seconds at
/// N = 10^6 instead of minutes): doubles take fixed bytes, so only the variable-length integers
/// (spin indices and counts) can make its size differ from a computed one, by a few bytes.
/// </summary>
internal static class SnapshotSize
{
    public static int Run(string[] args)
    {
        int[] ns = (Option(args, "--n") ?? "1300,65536,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        int timePoints = int.Parse(Option(args, "--t-points") ?? "200", CultureInfo.InvariantCulture);
        int d = int.Parse(Option(args, "--d") ?? "3", CultureInfo.InvariantCulture);
        double alpha = double.Parse(Option(args, "--alpha") ?? "6", CultureInfo.InvariantCulture);
        double x = double.Parse(Option(args, "--x") ?? "1e-4", CultureInfo.InvariantCulture);
        Serializer serializer = new ServiceCollection()
            .AddSerializer(b => b.AddAssembly(typeof(SpinSnapshotData).Assembly))
            .BuildServiceProvider()
            .GetRequiredService<Serializer>();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"d = {d}, alpha = {alpha:R}, x = {x:R}, T = {timePoints}; bytes of the stored SpinSnapshotData"));
        Console.WriteLine("| N | full form (bytes) | summary (bytes) | snapshot compute (s) | summarize (ms) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (int n in ns)
        {
            var point = new GridPoint(d, alpha, x, n);
            double[] t = TimeGrid.Create(d, alpha, timePoints);
            var clock = Stopwatch.StartNew();
            SpinSnapshot s = args.Contains("--synthetic") ? Synthetic(n, t) : SpinSnapshot.Compute(point, 1, t, TimeUnit.Common, SpinProductKernel.BestPath);
            double compute = clock.Elapsed.TotalSeconds;
            var full = new SpinSnapshotData(s.R, s.Spins, s.T, s.Curves, s.HistogramTimes, s.AtHistogramTimes, s.NearestNeighbourCoupling);
            clock.Restart();
            SpinSnapshotData summary = SpinSnapshotData.From(SpinSnapshotSummary.Of(s));
            double summarize = clock.Elapsed.TotalMilliseconds;
            int fullBytes = serializer.SerializeToArray(full).Length;
            int summaryBytes = serializer.SerializeToArray(summary).Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {n:N0} | {fullBytes:N0} | {summaryBytes:N0} | {compute:F1} | {summarize:F1} |"));
        }

        return 0;
    }

    private static SpinSnapshot Synthetic(int n, double[] t)
    {
        var random = new Random(1);
        double[] nn = Enumerable.Range(0, n).Select(_ => Math.Exp((random.NextDouble() * 6) - 3)).ToArray();
        int[] spins = SpinSnapshot.ChooseSpins(nn, SpinSnapshot.MaxCurves);
        double[] curves = Enumerable.Range(0, spins.Length * t.Length).Select(_ => (2 * random.NextDouble()) - 1).ToArray();
        double[] at = Enumerable.Range(0, SpinSnapshot.DefaultHistogramTimes.Count * n).Select(_ => (2 * random.NextDouble()) - 1).ToArray();
        return new SpinSnapshot(SpinSnapshot.Realization, spins, t, curves, [.. SpinSnapshot.DefaultHistogramTimes], at, nn);
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
