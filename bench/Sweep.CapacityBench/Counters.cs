using System.Diagnostics;
using System.Globalization;

namespace Sweep.CapacityBench;

/// <summary>Every counter the window's figures are differences of, taken at one moment.</summary>
internal sealed record Counters(
    long Started,
    long Finished,
    double ProcessCpuSeconds,
    long Gen2Collections,
    double GcPauseSeconds,
    long WorkingSetBytes,
    Dictionary<string, (long Calls, double Seconds)> Grains,
    Dictionary<string, (long Calls, double Seconds)> DispatcherMethods,
    Dictionary<string, double> Redis,
    long CleanerCommands,
    long CleanerDeleted,
    double LoadAverage)
{
    public static async Task<Counters> TakeAsync(SyntheticComputation computation, GrainLoad load, LocalRedis redis, BatchCleaner cleaner)
    {
        Dictionary<string, double> info = await redis.InfoAsync();
        using Process self = Process.GetCurrentProcess();
        return new Counters(
            computation.Started,
            computation.Finished,
            self.TotalProcessorTime.TotalSeconds,
            GC.CollectionCount(2),
            GC.GetTotalPauseDuration().TotalSeconds,
            self.WorkingSet64,
            load.Grains(),
            load.DispatcherMethods(),
            info,
            cleaner.Commands,
            cleaner.Deleted,
            ReadLoadAverage());
    }

    // The one-minute load average of the whole machine (other helpers' work included).
    private static double ReadLoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    public double RedisDelta(Counters later, string field) => later.Redis.GetValueOrDefault(field) - Redis.GetValueOrDefault(field);
}
