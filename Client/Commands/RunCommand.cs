using System.Globalization;
using Sweep.Campaigns;
using Sweep.Client.Cli;
using Sweep.Client.Hosting;
using Sweep.Client.Estimate;
using Sweep.Client.Output;
using Sweep.Client.Progress;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Points;

namespace Sweep.Client.Commands;

/// <summary>
/// `sweep run SPEC`: hosts one silo in this process on the embedded SQLite store and runs the
/// campaign to the end. The same command resumes after a crash or Ctrl-C, and extends a stored
/// campaign when the spec only adds points or raises Ns. With --redis it submits to a running
/// cluster instead, where the campaign goes on without this process (--detach leaves at once).
/// </summary>
internal static class RunCommand
{
    /// <summary>The longest interval between progress lines (a day); longer ones overflow a TimeSpan.</summary>
    public const double MaxProgressSeconds = 86_400;

    public static async Task<int> RunAsync(string specPath, TargetOptions target, int? slotsGiven, double? progressSecondsGiven, bool detach, string? exportDir, DashboardOptions? dashboard, int? metricsPort, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken, string? memoryPerSlotGiven = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Redis is not null && slotsGiven is not null)
        {
            throw UsageException.ForOption("--slots", "is set on each silo in cluster mode (sweep-silo --slots)");
        }

        if (target.Redis is not null && memoryPerSlotGiven is not null)
        {
            throw UsageException.ForOption("--memory-per-slot", "is set on each silo in cluster mode (sweep-silo --memory-per-slot)");
        }

        long? memoryPerSlot = null;
        if (memoryPerSlotGiven is not null)
        {
            memoryPerSlot = MemorySize.TryParse(memoryPerSlotGiven, out long bytes)
                ? bytes
                : throw UsageException.ForOption("--memory-per-slot", $"'{memoryPerSlotGiven}' is not a size such as 2GiB or 512MiB (binary units, at least 1 MiB)");
        }

        if (detach && target.Redis is null)
        {
            throw UsageException.ForOption("--detach", "needs --redis: a local campaign runs in this process");
        }

        int slots = slotsGiven ?? Environment.ProcessorCount;
        if (slots < 1 || slots > 1024)
        {
            throw UsageException.ForOption("--slots", $"must be between 1 and 1024 (got {slots})");
        }

        if (exportDir is not null)
        {
            if (detach)
            {
                throw UsageException.ForOption("--export", "cannot wait for a detached campaign; run `sweep export` once it has finished");
            }

            // Checked now: a bad --export must fail before the campaign costs anything.
            OutputDirectory.Check(exportDir, "export", force: false, option: "--export");
        }

        double progressSeconds = progressSecondsGiven ?? 10;
        if (!(progressSeconds > 0 && progressSeconds <= MaxProgressSeconds))
        {
            throw UsageException.ForOption("--progress-seconds", string.Create(CultureInfo.InvariantCulture, $"must be more than 0 and at most {MaxProgressSeconds} s, a day (got {progressSeconds:R})"));
        }

        SpecParseResult parsed = CampaignSpecParser.ParseFile(specPath);
        if (!parsed.IsValid)
        {
            foreach (string error in parsed.Errors)
            {
                stderr.WriteLine($"sweep run: {specPath}: {error}");
            }

            return 2;
        }

        CampaignSpec spec = parsed.Spec!;
        if (metricsPort is < 1 or > 65535)
        {
            throw UsageException.ForOption("--metrics-port", string.Create(CultureInfo.InvariantCulture, $"must be 1 to 65535 (got {metricsPort})"));
        }

        await using ICampaignHost cluster = await CampaignHosts.OpenAsync(target, slots, stderr, CancellationToken.None, memoryPerSlot);
        var campaign = cluster.Grains.GetGrain<ICampaignGrain>(spec.Name);
        string specJson = CampaignSpecJson.Write(spec);

        // Submitting again is safe: a spec equal to the stored one changes nothing.
        SubmitResult submitted = await cluster.CallAsync(() => campaign.Submit(specJson), "submitting", cancellationToken);
        if (submitted.Error is not null)
        {
            foreach (string line in submitted.Error.Split(Environment.NewLine))
            {
                stderr.WriteLine($"sweep run: {line}");
            }

            return 2;
        }

        stdout.WriteLine($"campaign '{spec.Name}' in {cluster.Description}: {submitted.Points} grid points, {submitted.BatchesTotal} batches " +
            $"({submitted.BatchesAlreadyStored} already stored{(submitted.Extended ? ", spec extended" : string.Empty)})" +
            (cluster.OutlivesClient ? string.Empty : $", {slots} compute slots"));
        WarnIfShortOfSpace(cluster, spec, submitted, stderr);
        if (detach)
        {
            stdout.WriteLine($"detached: the campaign goes on in the cluster; run the same command without --detach to follow it");
            return 0;
        }

        using IDisposable? metrics = metricsPort is { } port ? MetricsHosting.Start(port, stdout) : null;

        // Served beside the progress line through the one read path (this run's own gateway, or the cluster).
        await using Dashboard.DashboardServer? dashboardServer = dashboard is null ? null
            : await DashboardCommand.StartAsync(dashboard, target, stdout, stderr, cancellationToken);
        CampaignStatus initial = await cluster.CallAsync(campaign.GetStatus, "reading the status", cancellationToken);
        bool interactive = !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out);
        var progress = new ProgressReporter(stdout, interactive, initial.RealizationsDone, TimeSpan.FromSeconds(progressSeconds), CalibrateInBackground(spec));
        // `sweep cancel` reaches the campaign grain through the silo's gateway; the status shows it.
        Task<CampaignStatus> Poll() => cluster.CallAsync(campaign.GetStatus, "following the campaign", cancellationToken);

        CampaignStatus final = await progress.FollowAsync(Poll, TimeSpan.FromMilliseconds(500), cancellationToken);
        if (!interactive)
        {
            progress.WritePlain(final, force: true);
        }

        long computed = cluster.BatchesComputed(final, submitted);
        if (final.DiskFull is { } cause)
        {
            // Retrying on a full disk only fills SQLite's log: stop, keep what is stored, resume later.
            throw new EnvironmentException(
                ExitCodes.DiskFull,
                $"{cluster.StoreDirectory ?? cluster.Description}: the disk is full ({cause}); {final.BatchesDone} of {final.BatchesTotal} batches are stored " +
                $"({computed} computed in this run); free space (this campaign's store needs about {Megabytes(StoreSizeModel.Bytes(spec))} in all, " +
                $"plus {Megabytes(StoreSizeModel.WalHeadroomBytes)} for SQLite's write-ahead log) and run the same command to resume");
        }

        if (cancellationToken.IsCancellationRequested && !final.Finished)
        {
            stdout.WriteLine(cluster.OutlivesClient
                ? $"stopped following: {final.BatchesDone} of {final.BatchesTotal} batches are stored; the campaign goes on in the cluster (the same command follows it again)"
                : $"stopped: {final.BatchesDone} of {final.BatchesTotal} batches are stored ({computed} computed in this run); run the same command to resume");
            return CommandLine.ExitInterrupted;
        }

        if (final.Cancelled)
        {
            stdout.WriteLine($"cancelled: {final.BatchesDone} of {final.BatchesTotal} batches are stored; run the same command to resume");
            return 3;
        }

        ScalingTable table = await cluster.CallAsync(campaign.GetTable, "reading the table", cancellationToken);
        stdout.WriteLine();
        stdout.Write(TableWriter.Render(table, final.PointSummaries, "text"));
        stdout.WriteLine();
        foreach (PointSummary failed in final.PointSummaries.Where(p => p.Status == PointStatus.Failed))
        {
            stdout.WriteLine($"FAILED {failed.Key.GrainKey}: {failed.Failure}");
        }

        // Everything done that this run did not compute was reused: that includes batches a
        // killed run stored but had not merged into their points, which the submit's count misses.
        long reused = Math.Max(0, final.BatchesDone - computed);
        stdout.WriteLine($"batches: {computed} computed in this run, {reused} reused from storage");
        if (exportDir is not null)
        {
            // Through the one read path: a local run is found live by its own gateway, as any command finds it.
            int exported = await ExportCommand.RunAsync(spec.Name, exportDir, force: false, target, stdout, stderr, cancellationToken);
            if (exported != 0)
            {
                return exported;
            }
        }

        return final.PointsFailed > 0 ? 1 : 0;
    }

    /// <summary>
    /// The ETA's prices (<see cref="PointCalibration"/>): one core's CPU seconds per realization of
    /// every point up to 2,000 spins (larger ones would take seconds each; they are priced from
    /// their batches). It runs beside the campaign's slots, costs about one realization per point,
    /// and a failure only leaves the ETA to the measured batches.
    /// </summary>
    private static Task<IReadOnlyDictionary<GridPoint, double>?> CalibrateInBackground(CampaignSpec spec) => Task.Run(() =>
    {
        try
        {
            return (IReadOnlyDictionary<GridPoint, double>?)PointCalibration.Run(spec, largestN: 2000);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    });

    /// <summary>
    /// One line on stderr when the store's disk has less free space than the rest of the campaign
    /// needs (<see cref="StoreSizeModel"/>) plus the write-ahead log's headroom: the run still starts,
    /// and stops cleanly with exit 7 if the disk does fill.
    /// </summary>
    private static void WarnIfShortOfSpace(ICampaignHost cluster, CampaignSpec spec, SubmitResult submitted, TextWriter stderr)
    {
        if (cluster.StoreDirectory is not { } directory || submitted.BatchesTotal == 0)
        {
            return;
        }

        long free;
        try
        {
            free = new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return;
        }

        double left = StoreSizeModel.Bytes(spec) * (submitted.BatchesTotal - submitted.BatchesAlreadyStored) / submitted.BatchesTotal;
        if (free < left + StoreSizeModel.WalHeadroomBytes)
        {
            stderr.WriteLine($"sweep run: warning: {directory} has {Megabytes(free)} free; the rest of this campaign needs about {Megabytes(left)} in its store " +
                $"plus {Megabytes(StoreSizeModel.WalHeadroomBytes)} for SQLite's write-ahead log. A full disk stops the run (exit 7) with what is stored kept; the same command resumes it");
        }
    }

    /// <summary>Bytes as megabytes (10^6), the unit `df -H` and the messages use.</summary>
    public static string Megabytes(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:#,0.#} MB");
}
