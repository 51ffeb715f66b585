using System.Diagnostics;
using System.Globalization;
using Sweep.Campaigns;

namespace Sweep.CampaignBench;

/// <summary>
/// `SPEC [--slots K] [--repeat R] [--warmup W] [--d D] [--lease-ahead K] [--grains-only | --direct-only | --dashboard]`: wall time of a campaign through the grains (local
/// mode, fresh SQLite store each time) against the same batches computed directly, alternated
/// R times; prints medians, their ratio, the overhead per batch and the kernel's share.
/// `--dashboard` instead sets the grains' run with an open dashboard page against the same run
/// without one (<see cref="DashboardOverhead"/>).
/// </summary>
internal static class CampaignOverhead
{
    public static async Task<int> RunAsync(string[] args)
    {
        string specPath = args.Length > 0 ? args[0] : "campaigns/quick.json";
        int slots = Option(args, "--slots", Environment.ProcessorCount);
        int repeat = Option(args, "--repeat", 3);
        if (args.Contains("--grains-only"))
        {
            // For profilers: the grains run alone, without the direct reference in the same process.
            await using BenchSilo only = await BenchSilo.StartAsync(slots, LeaseAhead(args));
            for (int i = 0; i < repeat; i++)
            {
                var gc = GcWindow.Start();
                var threads = ThreadCpu.Read();
                (double w, double cpu, double c, double tail) = await only.RunAsync(OnlyDimension(CampaignSpecParser.ParseFile(specPath).GetSpecOrThrow(), Option(args, "--d", 0)), i + 1);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"grains run: {w:F2} s wall, {cpu:F2} s CPU ({ThreadCpu.Read().Since(threads)}), {c:F2} s in batch computations, {tail:F2} s from the last batch to the finished campaign; {gc.Report()}"));
                // A quiet second between rounds marks them apart in a profile's timeline.
                await Task.Delay(1000);
            }

            return 0;
        }

        CampaignSpec spec = OnlyDimension(CampaignSpecParser.ParseFile(specPath).GetSpecOrThrow(), Option(args, "--d", 0));
        if (args.Contains("--dashboard"))
        {
            return await DashboardOverhead.RunAsync(specPath, spec, slots, LeaseAhead(args), Option(args, "--warmup", 0), repeat);
        }

        if (args.Contains("--direct-only"))
        {
            // For profilers: the reference alone, to set against a `--grains-only` profile.
            for (int i = 0; i < repeat; i++)
            {
                var gc = GcWindow.Start();
                double cpu0 = ProcessCpuSeconds();
                var clock = Stopwatch.StartNew();
                DirectCampaign.Run(spec, slots);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"direct run: {clock.Elapsed.TotalSeconds:F2} s wall, {ProcessCpuSeconds() - cpu0:F2} s CPU; {gc.Report()}"));
            }

            return 0;
        }


        var direct = new List<double>();
        var grains = new List<double>();
        var kernelShare = new List<double>();
        var directCpu = new List<double>();
        var grainsCpu = new List<double>();

        // `--warmup K`: K more alternated rounds first, printed but left out of the medians. The
        // silo's code paths are still being tiered up by the JIT in its first rounds (the first
        // two rounds of quick.json ran about 13% slower than the rest), a cost `sweep run` pays
        // once per process, not per batch.
        int warmup = Option(args, "--warmup", 0);
        int batches = 0;
        await using BenchSilo silo = await BenchSilo.StartAsync(slots, LeaseAhead(args));
        for (int i = 0; i < warmup + repeat; i++)
        {
            if (i == warmup && warmup > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({warmup} warm-up rounds above, left out of the medians)"));
                direct.Clear();
                grains.Clear();
                kernelShare.Clear();
                directCpu.Clear();
                grainsCpu.Clear();
            }

            Settle();
            double cpu0 = ProcessCpuSeconds();
            var gcDirect = GcWindow.Start();
            var clock = Stopwatch.StartNew();
            batches = DirectCampaign.Run(spec, slots);
            direct.Add(clock.Elapsed.TotalSeconds);
            double cpu1 = ProcessCpuSeconds();
            Console.WriteLine("  direct run: " + gcDirect.Report());
            var gcGrains = GcWindow.Start();
            var threads = ThreadCpu.Read();
            (double wall, double campaignCpu, double computeSeconds, double tail) = await silo.RunAsync(spec, i + 1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  grains run: {tail:F2} s from the last batch to the finished campaign; {ThreadCpu.Read().Since(threads)}; {gcGrains.Report()}"));
            grains.Add(wall);
            directCpu.Add(cpu1 - cpu0);
            grainsCpu.Add(campaignCpu);
            kernelShare.Add(computeSeconds / (wall * slots));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {i + 1}: direct {direct[^1]:F2} s wall / {directCpu[^1]:F2} s CPU, grains {wall:F2} s wall / {grainsCpu[^1]:F2} s CPU (from submission to the finished campaign, like the wall time)"));
        }

        double d = Median(direct), g = Median(grains);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"spec {specPath}: {batches} batches, {slots} slots, {repeat} alternated runs"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median direct {d:F3} s, median through grains {g:F3} s, ratio {g / d:F3} (overhead {(g / d - 1) * 100:F1}%)"));
        // The machine's speed drifts over minutes; each round's ratio compares two runs a few
        // seconds apart, so its median is the drift-robust figure next to the ratio of medians.
        List<double> roundRatios = direct.Zip(grains, (x, y) => y / x).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median of the rounds' ratios {Median(roundRatios):F3} (overhead {(Median(roundRatios) - 1) * 100:F1}%); per round: {string.Join(", ", roundRatios.Select(r => ((r - 1) * 100).ToString("F1", CultureInfo.InvariantCulture) + "%"))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median CPU: direct {Median(directCpu):F3} s, through grains {Median(grainsCpu):F3} s, ratio {Median(grainsCpu) / Median(directCpu):F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"overhead per batch {(g - d) / batches * 1e3:F2} ms (wall, with {slots} slots); batch computation {Median(kernelShare) * 100:F1}% of slot time"));
        return 0;
    }

    /// <summary>A full collection before each side's run, so neither inherits the other's garbage.</summary>
    internal static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    internal static double ProcessCpuSeconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    // `--d 3`: only the spec's blocks of that dimension, e.g. the 3D block of fig2bc.json.
    private static CampaignSpec OnlyDimension(CampaignSpec spec, int d)
        => d == 0 ? spec : spec with { Name = $"{spec.Name}-d{d}", Blocks = new ValueList<SpecBlock>(spec.Blocks.Where(b => b.D == d).ToArray()) };

    // `--lease-ahead K`: the silo's ComputeOptions.LeaseAhead (default: one per slot).
    private static int? LeaseAhead(string[] args) => args.Contains("--lease-ahead") ? Option(args, "--lease-ahead", 0) : null;

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        int n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[(n / 2) - 1] + sorted[n / 2]);
    }
}
