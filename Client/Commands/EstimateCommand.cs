using System.Globalization;
using Sweep.Campaigns;
using Sweep.Client.Cli;
using Sweep.Client.Estimate;
using Sweep.Physics.Kernel;

namespace Sweep.Client.Commands;

/// <summary>
/// `sweep estimate SPEC`: the campaign's size and, from timing a few realizations of every
/// (d, N) of the spec on this machine, its kernel wall time from scratch, before anything runs.
/// With `--slots K`, also the load it puts on a cluster's one Redis and one dispatcher at K busy
/// slots, and the batchSize that keeps Redis under its goal (<see cref="ClusterLoadModel"/>).
/// </summary>
internal static class EstimateCommand
{
    /// <summary>The most slots `--slots` takes: 100 times the 10,000 that issue 18 sizes a cluster for.</summary>
    public const int MaxSlots = 1_000_000;

    public static int Run(string specPath, int? coresGiven, double? calibrationSeconds, TextWriter stdout, TextWriter stderr, int? slotsGiven = null)
    {
        int cores = coresGiven ?? Environment.ProcessorCount;
        if (cores < 1)
        {
            throw UsageException.ForOption("--cores", $"must be at least 1 (got {cores})");
        }

        if (slotsGiven is { } s && (s < 1 || s > MaxSlots))
        {
            throw UsageException.ForOption("--slots", string.Create(CultureInfo.InvariantCulture, $"must be in 1..{MaxSlots} (got {s})"));
        }

        double budget = calibrationSeconds ?? 2.0;
        if (!(budget > 0 && budget <= 60))
        {
            throw UsageException.ForOption("--calibration-seconds", string.Create(CultureInfo.InvariantCulture, $"must be more than 0 and at most 60 (got {budget})"));
        }

        SpecParseResult parsed = CampaignSpecParser.ParseFile(specPath);
        if (!parsed.IsValid)
        {
            foreach (string error in parsed.Errors)
            {
                stderr.WriteLine($"sweep estimate: {specPath}: {error}");
            }

            return 2;
        }

        CampaignSpec spec = parsed.Spec!;
        CampaignCost cost = CampaignCost.Of(spec);
        KernelCalibration cal = KernelCalibration.Run(spec, TimeSpan.FromSeconds(budget));
        double wall = cal.WallSeconds(spec, cores);
        var c = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(c, $"campaign '{spec.Name}' ({specPath}), from scratch:"));
        stdout.WriteLine(string.Create(c, $"  grid points:               {cost.Points:N0}"));
        stdout.WriteLine(string.Create(c, $"  realizations:              {cost.Realizations:N0} (+{cost.SnapshotRealizations:N0} Fig. 1 snapshot realizations, one per point)"));
        stdout.WriteLine(string.Create(c, $"  spin-pair-time factors:    {cost.Factors:E3} (sum of N(N-1)T over realizations, T = {spec.TimePoints})"));
        stdout.WriteLine(string.Create(c, $"  measured on one core ({spec.Kernel.Code}, {cal.Path}), per realization at the median alpha and x:"));
        foreach (var byD in cal.SecondsPerRealization.GroupBy(e => e.Key.D).OrderBy(g => g.Key))
        {
            string times = string.Join(", ", byD.OrderBy(e => e.Key.N).Select(e => string.Create(c, $"N = {e.Key.N}: {Milliseconds(e.Value)}")));
            stdout.WriteLine(string.Create(c, $"    d = {byD.Key}: {times}"));
        }

        double slotBytes = CampaignGrid.Expand(spec).Max(p => KernelMemoryModel.BytesPerSlot(spec.Kernel, p.Point.D, p.Point.N, spec.TimePoints));
        stdout.WriteLine(string.Create(c, $"  memory per compute slot:   {RunCommand.Megabytes(slotBytes)} at most (the kernel's memory model at the largest point; the limit is {RunCommand.Megabytes(SpecLimits.SlotMemoryBytes)}, docs/campaign-spec.md)"));
        stdout.WriteLine(string.Create(c, $"  store size:                {RunCommand.Megabytes(StoreSizeModel.Bytes(spec))} (SQLite, from scratch; keep {RunCommand.Megabytes(StoreSizeModel.WalHeadroomBytes)} more free for its write-ahead log)"));
        stdout.WriteLine(string.Create(c, $"  estimated wall time:       {Duration(wall)} on {cores} core{(cores == 1 ? string.Empty : "s")} (sum over points of (Ns + 1) x the time per realization above, divided by the cores; fits and orchestration come on top, see docs/PERFORMANCE.md)"));
        int targeted = CampaignGrid.Expand(spec).Count(p => p.Target is not null);
        if (targeted > 0)
        {
            // Where between minNs and maxNs a target stops depends on errors not yet measured.
            CampaignCost fewest = CampaignCost.Of(spec, fewest: true);
            stdout.WriteLine(string.Create(c, $"  precision targets:         {targeted:N0} of the points choose their Ns between minNs and maxNs; the figures above are for maxNs, the whole range is:"));
            stdout.WriteLine(string.Create(c, $"    realizations:            {fewest.Realizations:N0} to {cost.Realizations:N0}"));
            stdout.WriteLine(string.Create(c, $"    spin-pair-time factors:  {fewest.Factors:E3} to {cost.Factors:E3}"));
            stdout.WriteLine(string.Create(c, $"    estimated wall time:     {Duration(cal.WallSeconds(spec, cores, fewest: true))} to {Duration(wall)} on {cores} core{(cores == 1 ? string.Empty : "s")}"));
        }

        if (slotsGiven is { } slots)
        {
            double slotSeconds = cal.WallSeconds(spec, 1);
            if (double.IsFinite(slotSeconds) && slotSeconds > 0)
            {
                WriteClusterLoad(spec, slots, slotSeconds, stdout);
            }
            else
            {
                stdout.WriteLine(string.Create(c, $"  on {slots:N0} compute slots:        not estimated: a point of the spec is too large to time on this machine"));
            }
        }

        return 0;
    }

    /// <summary>
    /// The cluster section: rates while every slot computes, from this machine's per-realization
    /// times (a cluster's cores may be faster or slower) and the harness's per-batch costs.
    /// </summary>
    private static void WriteClusterLoad(CampaignSpec spec, int slots, double slotSeconds, TextWriter stdout)
    {
        var c = CultureInfo.InvariantCulture;
        IReadOnlyList<CampaignPoint> grid = CampaignGrid.Expand(spec);
        long batches = grid.Sum(p => SpecLimits.Batches(p, spec.BatchSize));
        ClusterLoad load = ClusterLoadModel.At(slots, batches, slotSeconds, spec.TimePoints);
        string many = slots == 1 ? "slot" : "slots";
        stdout.WriteLine(string.Create(c, $"  on {slots:N0} compute {many} of this machine's speed (--slots; one Redis and one dispatcher, docs/cluster.md \"Capacity\"):"));
        stdout.WriteLine(string.Create(c, $"    batches:                 {batches:N0} of batchSize {spec.BatchSize}, {Seconds(load.MeanBatchSeconds)} each on average"));
        if (batches < slots)
        {
            stdout.WriteLine(string.Create(c, $"                             fewer batches than slots: at most {batches:N0} of the {slots:N0} slots are ever busy"));
        }

        stdout.WriteLine(string.Create(c, $"    wall time:               {Duration(load.WallSeconds)} if no slot ever waits (fits and the last batches come on top)"));
        stdout.WriteLine(string.Create(c, $"    into Redis:              {load.RedisBytesPerSecond / 1e6:#,0.0} MB/s ({load.BatchesPerSecond:#,0.#} batches/s x {load.RedisBytesPerBatch / 1e3:0.0} kB at T = {spec.TimePoints}; the goal is at most {ClusterLoadModel.RedisGoalBytesPerSecond / 1e6:0} MB/s), {load.RedisCommandsPerSecond:#,0} commands/s"));
        stdout.WriteLine(string.Create(c, $"    Redis memory:            {RunCommand.Megabytes(ClusterLoadModel.RedisMemoryBytes(spec))} at the end (every batch row is kept with the points' states until the campaign is deleted)"));
        stdout.WriteLine(string.Create(c, $"    dispatcher:              {100 * load.DispatcherOccupancy:0.#} % busy (about {ClusterLoadModel.DispatcherSecondsPerBatch * 1e3:0.#} ms per batch in the one dispatcher grain)"));
        stdout.WriteLine(string.Create(c, $"    silo CPU:                {load.SiloCores:#,0.##} cores across the silos for everything but the physics (about {ClusterLoadModel.SiloCpuSecondsPerBatch * 1e3:0.#} ms per batch)"));
        string goal = string.Create(c, $"{ClusterLoadModel.RedisGoalBytesPerSecond / 1e6:0} MB/s");
        if (load.UnderRedisGoal)
        {
            stdout.WriteLine(string.Create(c, $"    batchSize:               {spec.BatchSize} keeps Redis under {goal}: batches need {Seconds(load.ShortestBatchSeconds)} or more on average at these slots, and these take {Seconds(load.MeanBatchSeconds)}"));
            return;
        }

        long most = ClusterLoadModel.MostBatchesUnderGoal(slots, slotSeconds, spec.TimePoints);
        if (most >= 1 && SpecLimits.SmallestBatchSize(grid, spec.BatchSize, most) is { } size)
        {
            long fewer = grid.Sum(p => SpecLimits.Batches(p, size));
            ClusterLoad raised = ClusterLoadModel.At(slots, fewer, slotSeconds, spec.TimePoints);
            stdout.WriteLine(string.Create(c, $"    batchSize:               {spec.BatchSize} puts more than {goal} into Redis: raise it to at least {size} ({fewer:N0} batches of {Seconds(raised.MeanBatchSeconds)} on average, {raised.RedisBytesPerSecond / 1e6:#,0.0} MB/s), or run on fewer slots"));
        }
        else
        {
            // A point is one batch at least, and a precision target's checkpoint step cuts one more each.
            long fewest = grid.Sum(p => SpecLimits.Batches(p, SpecBlock.MaxNs));
            stdout.WriteLine(string.Create(c, $"    batchSize:               {spec.BatchSize} puts more than {goal} into Redis, and no batchSize is enough: the campaign is cut into at least {fewest:N0} batches (one per point, and per precision-target step), more than the {most:N0} that stay under {goal} on {slots:N0} {many}; run on fewer slots"));
        }
    }

    private static string Seconds(double seconds) => seconds < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:G3} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds:G3} s");

    private static string Milliseconds(double seconds) => seconds < 1e-3
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:F0} us")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:G3} ms");

    public static string Duration(double seconds) => seconds switch
    {
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{seconds:F0} s"),
        < 7200 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F1} min"),
        < 172800 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:F1} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400:F1} days"),
    };
}
