using System.Diagnostics;
using System.Globalization;
using Sweep.Physics.Kernel;
using Sweep.Physics.Points;
using Sweep.Physics.Time;

namespace Sweep.Bench;

/// <summary>
/// One realization of one grid point end to end (positions, nearest-neighbour couplings, kernel),
/// timed, for docs/PERFORMANCE.md (the cell kernel): `Sweep.Bench kernel-scaling d alpha x N [kernel-code]`
/// prints one CSV line "d,alpha,x,N,kernel,wall_s,cpu_s,peak_rss_mb". Run each N in its own
/// process (scripts/kernel-scaling) so that the peak resident set is that realization's.
/// </summary>
internal static class KernelScaling
{
    internal static int Run(string[] args)
    {
        var c = CultureInfo.InvariantCulture;
        var point = new GridPoint(int.Parse(args[0], c), double.Parse(args[1], c), double.Parse(args[2], c), int.Parse(args[3], c));
        SpinKernelChoice kernel = args.Length > 4 ? SpinKernelChoice.ParseCode(args[4]) : SpinKernelChoice.Accelerated();
        double[] t = TimeGrid.Create(point.D, point.Alpha, TimeGrid.DefaultPoints);
        var process = Process.GetCurrentProcess();
        TimeSpan cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        RealizationCurves curves = Realization.Compute(point, 1, 0, t, TimeUnit.Common, kernel, SpinProductKernel.BestPath);
        double wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        Console.WriteLine(string.Create(c, $"{point.D},{point.Alpha:R},{point.X:R},{point.N},{kernel.Code},{wall:F3},{cpu:F3},{process.PeakWorkingSet64 / 1e6:F0},{curves.Mag[^1]:R}"));
        return 0;
    }
}
