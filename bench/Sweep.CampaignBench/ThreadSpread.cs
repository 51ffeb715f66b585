using System.Globalization;
using Sweep.Client.Estimate;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;

namespace Sweep.CampaignBench;

/// <summary>
/// `thread-spread [--d D] [--n N1,N2,..] [--threads K] [--count C] [--after-calibration SPEC]`: one core's CPU microseconds
/// per realization of a batch of C realizations (fig2bc's settings: seed 1, T = 200, common time
/// unit, the accelerated kernel), computed on each of K new threads in turn, one line per N. A
/// compute slot is such a thread; the kernel's speed once depended on where a thread's stack lay
/// (1D N = 10: 17 us on some threads, 41 us on others), so the spread across threads and
/// processes is the figure, not one timing.
/// </summary>
internal static class ThreadSpread
{
    public static int Run(string[] args)
    {
        int d = int.Parse(Option(args, "--d") ?? "1", CultureInfo.InvariantCulture);
        int[] ns = [.. (Option(args, "--n") ?? "2,5,10,16").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
        int threads = int.Parse(Option(args, "--threads") ?? "6", CultureInfo.InvariantCulture);
        int count = int.Parse(Option(args, "--count") ?? "2000", CultureInfo.InvariantCulture);
        var kernel = SpinKernelChoice.Accelerated(1e-10);

        // `sweep run`'s calibration of a spec first (--after-calibration SPEC: the state the slow
        // threads were found in), or about two seconds of batches of every N; then a pause, so
        // that the JIT's tiers (call counting, the optimized recompile in the background) settle.
        if (Option(args, "--after-calibration") is { } specPath)
        {
            PointCalibration.Run(Campaigns.CampaignSpecParser.ParseFile(specPath).GetSpecOrThrow(), largestN: 2000);
        }

        var warm = System.Diagnostics.Stopwatch.StartNew();
        for (long r = 1; Option(args, "--after-calibration") is null && warm.Elapsed < TimeSpan.FromSeconds(2); r += 200)
        {
            foreach (int n in ns)
            {
                Realization.ComputeBatch(new GridPoint(d, 6, 1e-3, n), 1, r, 200, Physics.Time.TimeGrid.Create(d, 6, 200), Physics.Time.TimeUnit.Common, kernel, SpinProductKernel.BestPath);
            }
        }

        Thread.Sleep(500);
        foreach (int n in ns)
        {
            var point = new GridPoint(d, 6, 1e-3, n);
            double[] t = Physics.Time.TimeGrid.Create(d, 6, 200);
            var each = new List<double>();
            for (int k = 0; k < threads; k++)
            {
                double seconds = 0;
                var thread = new Thread(() =>
                {
                    double start = ThreadCpuClock.Seconds();
                    Realization.ComputeBatch(point, 1, 1 + ((long)k * count), count, t, Physics.Time.TimeUnit.Common, kernel, SpinProductKernel.BestPath);
                    seconds = ThreadCpuClock.Seconds() - start;
                });
                thread.Start();
                thread.Join();
                each.Add(seconds / count * 1e6);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"d = {d}, N = {n}: us per realization on {threads} threads: {string.Join(' ', each.Select(e => e.ToString("F1", CultureInfo.InvariantCulture)))}"));
        }

        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
