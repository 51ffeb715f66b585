using System.Diagnostics;
using System.Globalization;
using Sweep.Grains.Interfaces;

namespace Sweep.CapacityBench;

/// <summary>
/// One run per scale: a fresh Redis keyspace, the silos, the campaigns, a warm-up, then one
/// bounded window in which every figure is taken as a difference of counters (or an average of
/// samples), and the silos stopped. See docs/PERFORMANCE.md, "Capacity harness".
/// </summary>
internal static class CapacityRun
{
    private const double IdleSeconds = 5;
    private const long MaxBatchesPerCampaign = 100_000;
    private const long MaxBatchesPerPoint = (1L << 22) / WorkloadSpec.BatchSize;

    // Where the default gen-0 budget started to cost more than the silos' own work (2026-12-06:
    // 57 to 70% of the wall in GC pauses at 10,000 slot threads; 3,000 ran without it).
    private const int ManySlotThreads = 5_000;

    public static async Task<int> RunAsync(string[] args)
    {
        CapacityOptions options;
        try
        {
            options = CapacityOptions.Parse(args);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(CapacityOptions.Usage);
            return 2;
        }

        await using LocalRedis redis = await LocalRedis.StartAsync(options.RedisServer, (long)(options.MaxRedisGiB * (1L << 30)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"redis-server on 127.0.0.1:{redis.Port} ({LocalRedis.Persistence}, maxmemory {options.MaxRedisGiB} GiB noeviction); {Environment.ProcessorCount} cores; batches {options.BatchSeconds} s mean (log-normal, sigma {options.Spread}), T = {options.TimePoints}; warm-up {options.WarmupSeconds} s, window {options.Window} s; {GcMode()}"));
        int mostSlots = options.Scales.Max(s => s.Silos * s.Slots);
        if (mostSlots >= ManySlotThreads && Environment.GetEnvironmentVariable("DOTNET_GCgen0size") is null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   note: {mostSlots} slot threads in one process with the default gen-0 budget: collections, each walking every thread's stack, will take most of the CPU; run with DOTNET_GCgen0size=0x10000000 (docs/PERFORMANCE.md, \"Capacity harness\")"));
        }

        var rows = new List<ScaleFigures>();
        foreach ((int silos, int slots) in options.Scales)
        {
            ScaleFigures figures = await RunScaleAsync(options, redis, silos, slots);
            rows.Add(figures);
            Console.WriteLine(figures.Detail());
            await redis.Server.FlushAllDatabasesAsync();
        }

        Console.WriteLine();
        Console.WriteLine(ScaleFigures.Header);
        foreach (ScaleFigures row in rows)
        {
            Console.WriteLine(row.Row());
        }

        return 0;
    }

    private static async Task<ScaleFigures> RunScaleAsync(CapacityOptions options, LocalRedis redis, int silos, int slotsPerSilo)
    {
        int slots = silos * slotsPerSilo;
        string clusterId = string.Create(CultureInfo.InvariantCulture, $"capacity-{silos}x{slotsPerSilo}-{Environment.TickCount64 % 100000}");
        var computation = new SyntheticComputation(TimeSpan.FromSeconds(options.BatchSeconds), options.Spread, options.Stagger);
        var load = new GrainLoad();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"-- {silos} silos x {slotsPerSilo} slots = {slots} slots: starting silos"));
        var clock = Stopwatch.StartNew();
        await using HarnessCluster cluster = await HarnessCluster.StartAsync(silos, slotsPerSilo, redis.Port, clusterId, computation, load);
        double startSeconds = clock.Elapsed.TotalSeconds;
        long startedBytes = Process.GetCurrentProcess().WorkingSet64;

        // Enough batches that no point finishes before the window ends, half as many again to spare.
        int points = WorkloadSpec.PointsFor(options.Points > 0 ? options.Points : Math.Max(10, slots / 20));
        double runSeconds = options.WarmupSeconds + options.Window + 20;
        long needed = (long)Math.Ceiling(1.5 * slots * runSeconds / options.BatchSeconds);
        long perPoint = Math.Clamp((needed + points - 1) / points, 1, MaxBatchesPerPoint);
        int campaigns = (int)Math.Ceiling((double)perPoint * points / MaxBatchesPerCampaign);
        perPoint = Math.Min(perPoint, MaxBatchesPerCampaign / points);
        if (perPoint * points * campaigns < needed)
        {
            Console.WriteLine($"   note: {perPoint * points * campaigns} batches planned, fewer than the {needed} the run may need");
        }

        // The silos' own cost with nothing to do (membership, timers, idle polls), taken out of the CPU per batch.
        await Task.Delay(TimeSpan.FromSeconds(IdleSeconds));
        double idleCpu0 = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(IdleSeconds));
        double idleCores = (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - idleCpu0) / IdleSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   idle silos: {idleCores:F3} cores"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   silos up in {startSeconds:F1} s ({startedBytes / 1e6:F0} MB working set); submitting {campaigns} campaign(s) of {points} points x {perPoint} batches"));
        await using var cleaner = new BatchCleaner(redis, clusterId);
        cleaner.Start();
        for (int c = 0; c < campaigns; c++)
        {
            string name = string.Create(CultureInfo.InvariantCulture, $"capacity-{c}");
            SubmitResult submitted = await SubmitAsync(cluster.Grains.GetGrain<ICampaignGrain>(name), WorkloadSpec.Json(name, points, perPoint, options.TimePoints));
            if (submitted.Error is not null)
            {
                throw new InvalidOperationException($"campaign {name} refused: {submitted.Error}");
            }
        }

        await WarmUpAsync(options.WarmupSeconds, computation, slots);
        Counters before = await Counters.TakeAsync(computation, load, redis, cleaner);
        double busySum = 0;
        int samples = 0;
        long pendingSum = 0;
        long pendingMax = 0;
        double redisPeak = 0;
        var window = Stopwatch.StartNew();
        TimeSpan nextMemory = TimeSpan.Zero;
        while (window.Elapsed.TotalSeconds < options.Window)
        {
            await Task.Delay(100);
            busySum += computation.Running;
            samples++;
            long pending = ThreadPool.PendingWorkItemCount;
            pendingSum += pending;
            pendingMax = Math.Max(pendingMax, pending);
            if (window.Elapsed >= nextMemory)
            {
                redisPeak = Math.Max(redisPeak, (await redis.InfoAsync()).GetValueOrDefault("used_memory"));
                nextMemory = window.Elapsed + TimeSpan.FromSeconds(1);
            }
        }

        Counters after = await Counters.TakeAsync(computation, load, redis, cleaner);
        double seconds = window.Elapsed.TotalSeconds;
        (int queued, int leased) = await cluster.Grains.GetGrain<IDispatcherGrain>(0).GetCounts();
        ScaleFigures figures = ScaleFigures.Of(silos, slotsPerSilo, options.BatchSeconds, points * campaigns, seconds, before, after, busySum / Math.Max(1, samples) / slots, redisPeak, queued, leased, startSeconds, idleCores);
        figures = figures with { ThreadPoolQueueMean = (double)pendingSum / Math.Max(1, samples), ThreadPoolQueueMax = pendingMax, ThreadPoolThreads = ThreadPool.ThreadCount };
        Console.WriteLine("   stopping silos");
        return figures;
    }

    // Each collection walks every managed thread's stack, and a simulated slot is a thread: with
    // thousands of slots in one process the gen-0 budget decides how often that is paid, so every
    // run states it (DOTNET_GCgen0size, hexadecimal bytes, is read by the runtime at start-up).
    private static string GcMode()
    {
        string? gen0 = Environment.GetEnvironmentVariable("DOTNET_GCgen0size");
        string budget = gen0 is null
            ? "the runtime's default gen-0 budget"
            : long.TryParse(gen0.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? gen0[2..] : gen0, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long bytes)
                ? string.Create(CultureInfo.InvariantCulture, $"gen-0 budget {bytes / (double)(1 << 20):F0} MiB (DOTNET_GCgen0size={gen0})")
                : $"DOTNET_GCgen0size={gen0} (not hexadecimal: ignored by the runtime)";
        return $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, {budget}";
    }

    // Submitting the same spec again adds nothing, so a submission that outlived the call's
    // timeout (starting hundreds of points on a starved machine) is sent again, a few times.
    private static async Task<SubmitResult> SubmitAsync(ICampaignGrain campaign, string spec)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await campaign.Submit(spec);
            }
            catch (TimeoutException) when (attempt < 5)
            {
                Console.WriteLine($"   submission timed out (attempt {attempt}); submitting again");
            }
        }
    }

    /// <summary>
    /// Waits out the warm-up with a progress line every 10 s (or a sixth of it, if shorter), so a
    /// run that falls behind shows where: leases against the ideal, slots busy, the thread pool's
    /// queue (work items waiting for a thread: the process is short of CPU) and GC pauses.
    /// </summary>
    private static async Task WarmUpAsync(double seconds, SyntheticComputation computation, int slots)
    {
        double step = Math.Min(10, seconds / 6);
        var clock = Stopwatch.StartNew();
        long started = computation.Started;
        double pause = GC.GetTotalPauseDuration().TotalSeconds;
        int collections = GC.CollectionCount(0);
        double cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        double last = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(step, seconds - clock.Elapsed.TotalSeconds)));
            double now = clock.Elapsed.TotalSeconds;
            double dt = Math.Max(1e-3, now - last);
            using Process self = Process.GetCurrentProcess();
            double cpuNow = self.TotalProcessorTime.TotalSeconds;
            double pauseNow = GC.GetTotalPauseDuration().TotalSeconds;
            long startedNow = computation.Started;
            int collectionsNow = GC.CollectionCount(0);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"   warm-up {now:F0} s: {(startedNow - started) / dt:F1} leases/s, {computation.Running} of {slots} slots busy, {computation.Finished} batches finished; process {(cpuNow - cpu) / dt:F2} cores, GC paused {100 * (pauseNow - pause) / dt:F1}% of the time ({(collectionsNow - collections) / dt:F1} collections/s), thread pool {ThreadPool.PendingWorkItemCount} queued on {ThreadPool.ThreadCount} threads, working set {self.WorkingSet64 / 1e6:F0} MB"));
            (last, started, pause, cpu, collections) = (now, startedNow, pauseNow, cpuNow, collectionsNow);
        }
    }
}
