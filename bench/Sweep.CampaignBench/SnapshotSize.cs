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
/// `snapshot-size [--n N1,N2,..] [--t-points T] [--d D] [--alpha A] [--x X]`: computes the Fig. 1
/// snapshot of realization 0 (seed 1, common time unit) at each N and prints the bytes of its
/// stored record in Orleans' binary serialization, the way the store writes it (inside the batch
/// header and the point's state): the full form older builds stored (every spin's P_i at the
/// histogram times and every spin's coupling) and the summary stored now.
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
            SpinSnapshot s = SpinSnapshot.Compute(point, 1, t, TimeUnit.Common, SpinProductKernel.BestPath);
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

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
