using System.Globalization;
using System.Text;

namespace Sweep.CapacityBench;

/// <summary>One scale's figures over its window: rates per second of wall time, CPU in cores (CPU seconds per second).</summary>
internal sealed record ScaleFigures
{
    public const string Header =
        "| silos x slots | slots | batch (s) | leases/s (ideal) | slot use | Redis ops/s | Redis in (MB/s) | Redis used memory peak (MB) | Redis CPU (cores) | silo CPU (cores; idle before) | silo CPU per batch, idle included (ms) | dispatcher occupancy | busiest other grain (occupancy) | GC paused | thread-pool queue mean (max) | load avg 1 min |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    public required int Silos { get; init; }
    public required int SlotsPerSilo { get; init; }
    public required double BatchSeconds { get; init; }
    public required int Points { get; init; }
    public required double Seconds { get; init; }
    public required double LeasesPerSecond { get; init; }
    public required double FinishedPerSecond { get; init; }
    public required double Utilisation { get; init; }
    public required double RedisOpsPerSecond { get; init; }
    public required double RedisInMBps { get; init; }
    public required double RedisOutMBps { get; init; }
    public required double RedisCpuCores { get; init; }
    public required double RedisPeakMB { get; init; }
    public required double SiloCpuCores { get; init; }
    public required double Gen2PerMinute { get; init; }

    /// <summary>Share of the window's wall time the runtime was paused for GC (all silos share the process).</summary>
    public required double GcPauseShare { get; init; }

    /// <summary>Thread-pool work items waiting for a thread, sampled every 100 ms: above a few hundred the process is short of CPU.</summary>
    public double ThreadPoolQueueMean { get; init; }

    public long ThreadPoolQueueMax { get; init; }

    public int ThreadPoolThreads { get; init; }
    public required double WorkingSetMB { get; init; }
    public required double DispatcherOccupancy { get; init; }
    public required double DispatcherCallsPerSecond { get; init; }
    public required string DispatcherMethods { get; init; }
    public required string BusiestOther { get; init; }
    public required double BusiestOtherOccupancy { get; init; }
    public required double LoadBefore { get; init; }
    public required double LoadAfter { get; init; }
    public required int Queued { get; init; }
    public required int Leased { get; init; }
    public required double SiloStartSeconds { get; init; }

    /// <summary>CPU of the silos with no campaign, measured before submission, in cores.</summary>
    public required double IdleCores { get; init; }
    public required double CleanerDeletedPerSecond { get; init; }

    public int Slots => Silos * SlotsPerSilo;

    public double IdealLeasesPerSecond => Slots / BatchSeconds;

    /// <summary>
    /// All of the silos' CPU per finished batch, their idle cost included: an upper bound. The
    /// idle figure, taken just after start-up, still carries start-up work (tiered JIT), so
    /// subtracting it undercounts; it is printed beside it instead.
    /// </summary>
    public double SiloCpuMsPerBatch => FinishedPerSecond > 0 ? 1000 * SiloCpuCores / FinishedPerSecond : double.NaN;

    public double RedisCpuMsPerBatch => FinishedPerSecond > 0 ? 1000 * RedisCpuCores / FinishedPerSecond : double.NaN;

    public static ScaleFigures Of(int silos, int slotsPerSilo, double batchSeconds, int points, double seconds, Counters before, Counters after, double utilisation, double redisPeak, int queued, int leased, double siloStart, double idleCores)
    {
        static bool IsDispatcher(string grain) => grain.StartsWith("dispatcher", StringComparison.Ordinal);
        var grains = after.Grains.ToDictionary(
            g => g.Key,
            g => (Calls: g.Value.Calls - before.Grains.GetValueOrDefault(g.Key).Calls, Seconds: g.Value.Seconds - before.Grains.GetValueOrDefault(g.Key).Seconds),
            StringComparer.Ordinal);
        var dispatcher = grains.Where(g => IsDispatcher(g.Key)).Select(g => g.Value).DefaultIfEmpty().Aggregate((a, b) => (a.Calls + b.Calls, a.Seconds + b.Seconds));
        var busiest = grains.Where(g => !IsDispatcher(g.Key)).OrderByDescending(g => g.Value.Seconds).FirstOrDefault();
        var methods = new StringBuilder();
        foreach ((string method, (long calls, double total)) in after.DispatcherMethods.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            (long calls0, double total0) = before.DispatcherMethods.GetValueOrDefault(method);
            long n = calls - calls0;
            if (n > 0)
            {
                methods.Append(CultureInfo.InvariantCulture, $"{method} {n / seconds:F1}/s x {1e6 * (total - total0) / n:F0} us; ");
            }
        }

        return new ScaleFigures
        {
            Silos = silos,
            SlotsPerSilo = slotsPerSilo,
            BatchSeconds = batchSeconds,
            Points = points,
            Seconds = seconds,
            LeasesPerSecond = (after.Started - before.Started) / seconds,
            FinishedPerSecond = (after.Finished - before.Finished) / seconds,
            Utilisation = utilisation,
            RedisOpsPerSecond = (before.RedisDelta(after, "total_commands_processed") - (after.CleanerCommands - before.CleanerCommands)) / seconds,
            RedisInMBps = before.RedisDelta(after, "total_net_input_bytes") / seconds / 1e6,
            RedisOutMBps = before.RedisDelta(after, "total_net_output_bytes") / seconds / 1e6,
            RedisCpuCores = (before.RedisDelta(after, "used_cpu_sys") + before.RedisDelta(after, "used_cpu_user")) / seconds,
            RedisPeakMB = redisPeak / 1e6,
            SiloCpuCores = (after.ProcessCpuSeconds - before.ProcessCpuSeconds) / seconds,
            Gen2PerMinute = 60.0 * (after.Gen2Collections - before.Gen2Collections) / seconds,
            GcPauseShare = (after.GcPauseSeconds - before.GcPauseSeconds) / seconds,
            WorkingSetMB = after.WorkingSetBytes / 1e6,
            DispatcherOccupancy = dispatcher.Seconds / seconds,
            DispatcherCallsPerSecond = dispatcher.Calls / seconds,
            DispatcherMethods = methods.ToString().TrimEnd(' ', ';'),
            BusiestOther = busiest.Key ?? "-",
            BusiestOtherOccupancy = busiest.Key is null ? 0 : busiest.Value.Seconds / seconds,
            LoadBefore = before.LoadAverage,
            LoadAfter = after.LoadAverage,
            Queued = queued,
            Leased = leased,
            SiloStartSeconds = siloStart,
            IdleCores = idleCores,
            CleanerDeletedPerSecond = (after.CleanerDeleted - before.CleanerDeleted) / seconds,
        };
    }

    public string Row() => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Silos} x {SlotsPerSilo} | {Slots} | {BatchSeconds:G3} | {LeasesPerSecond:F1} ({IdealLeasesPerSecond:F1}) | {Utilisation:P1} | {RedisOpsPerSecond:F0} | {RedisInMBps:F1} | {RedisPeakMB:F0} | {RedisCpuCores:F2} | {SiloCpuCores:F2}; {IdleCores:F2} | {SiloCpuMsPerBatch:F2} | {DispatcherOccupancy:P1} | {BusiestOther} ({BusiestOtherOccupancy:P1}) | {GcPauseShare:P1} | {ThreadPoolQueueMean:F0} ({ThreadPoolQueueMax}) | {LoadBefore:F2} -> {LoadAfter:F2} |");

    public string Detail() => string.Create(
        CultureInfo.InvariantCulture,
        $"""
           window {Seconds:F1} s, {Points} points: leases {LeasesPerSecond:F1}/s of an ideal {IdealLeasesPerSecond:F1}/s, finished {FinishedPerSecond:F1}/s, slot use {Utilisation:P1}
           redis: {RedisOpsPerSecond:F0} ops/s, in {RedisInMBps:F2} MB/s, out {RedisOutMBps:F2} MB/s, used memory peak {RedisPeakMB:F0} MB, CPU {RedisCpuCores:F3} cores ({RedisCpuMsPerBatch:F3} ms per batch); cleaner deleted {CleanerDeletedPerSecond:F1} rows/s
           silos: CPU {SiloCpuCores:F3} cores, {IdleCores:F3} while idle before the campaign ({SiloCpuMsPerBatch:F3} ms per batch, idle cost included), {Gen2PerMinute:F1} gen-2 GCs/min, GC paused {GcPauseShare:P1} of the window, thread pool {ThreadPoolQueueMean:F0} queued on average ({ThreadPoolQueueMax} at most) on {ThreadPoolThreads} threads, working set {WorkingSetMB:F0} MB, started in {SiloStartSeconds:F1} s
           dispatcher: occupancy {DispatcherOccupancy:P1}, {DispatcherCallsPerSecond:F1} calls/s: {DispatcherMethods}; at the end {Queued} queued, {Leased} leased
           busiest other grain: {BusiestOther} occupancy {BusiestOtherOccupancy:P1}; load average {LoadBefore:F2} -> {LoadAfter:F2}
        """);
}
