using System.Globalization;
using Sweep.Client.Cli;
using Sweep.Client.Hosting;
using Sweep.Client.Output;
using Sweep.Client.Progress;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Commands;

/// <summary>
/// `sweep list`, `status`, `table`: read the local store (also while a run is writing to it) or,
/// with --redis, a running cluster's grains; the output is the same either way.
/// </summary>
internal static class StoreCommands
{
    public static async Task<int> ListAsync(TargetOptions target, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        await using ICampaignTarget source = await CampaignTargets.OpenAsync(target, stderr, cancellationToken);
        IReadOnlyList<string> names = await source.CampaignNamesAsync(cancellationToken);
        if (names.Count == 0)
        {
            stdout.WriteLine($"no campaigns in {source.Description}");
        }

        foreach (string name in names)
        {
            CampaignStatus s = (await source.ReadAsync(name, withResults: false, cancellationToken)).Status;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-24} {StateWord(s),-9} points {s.PointsDone}/{s.Points} ({s.PointsFailed} failed), realizations {s.RealizationsDone}/{s.RealizationsTarget}"));
        }

        return 0;
    }

    public static async Task<int> StatusAsync(string? campaign, bool json, TargetOptions target, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        await using ICampaignTarget source = await CampaignTargets.OpenAsync(target, stderr, cancellationToken);
        IReadOnlyList<string> names = campaign is not null ? [campaign] : await source.CampaignNamesAsync(cancellationToken);
        var statuses = new List<CampaignStatus>();
        foreach (string name in names)
        {
            statuses.Add((await source.ReadAsync(name, withResults: false, cancellationToken)).Status);
        }

        ComputeLoad load = await source.LoadAsync(cancellationToken);
        if (json)
        {
            stdout.WriteLine(StatusJson.Write(statuses, StateWord, DateTimeOffset.UtcNow, load));
            return 0;
        }

        foreach (CampaignStatus s in statuses)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"campaign {s.Name}: {StateWord(s)}; points {s.PointsDone}/{s.Points} done, {s.PointsFailed} failed; realizations {s.RealizationsDone}/{s.RealizationsTarget}; batches {s.BatchesDone}/{s.BatchesTotal} stored{FinishedText(s)}{EtaText(s)}"));
            if (s.PointSummaries.Any(p => p.Target is not null))
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  precision targets: {s.PointSummaries.Count(p => p.TargetOutcome == "reached")} reached, {s.PointSummaries.Count(p => p.TargetOutcome == "maxNs")} stopped at maxNs, {s.PointSummaries.Count(p => p.Target is not null && p.TargetOutcome is null)} running; {s.BatchesBeyondStop} batches past a stopping point (stored, not merged)"));
            }

            foreach (PointSummary p in s.PointSummaries.Where(p => p.Status == PointStatus.Failed))
            {
                stdout.WriteLine($"  FAILED {p.Key.GrainKey}: {p.Failure}");
            }
        }

        foreach (string line in ComputeLines(load))
        {
            stdout.WriteLine(line);
        }

        return 0;
    }

    /// <summary>`compute:` lines: the cluster's slots, its queue, and each silo.</summary>
    internal static IEnumerable<string> ComputeLines(ComputeLoad load)
    {
        if (!load.Running)
        {
            yield return "compute: no run is computing (a stopped store)";
            yield break;
        }

        yield return string.Create(CultureInfo.InvariantCulture, $"compute: {load.Silos.Length} silo{(load.Silos.Length == 1 ? string.Empty : "s")}, {load.SlotsBusy}/{load.Slots} slots busy, {load.BatchesPerSecond:F2} batches/s over {load.RateWindowSeconds:F0} s; dispatcher queue {load.QueuedBatches} batches, {load.LeasedBatches} leased");
        foreach (SiloLoad s in load.Silos)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"compute: silo {s.Name} ({s.Address}): {s.Busy}/{s.Slots} slots busy, {s.Leased} batches leased, {s.BatchesPerSecond:F2} batches/s over {load.RateWindowSeconds:F0} s");
        }
    }

    public static async Task<int> TableAsync(string campaignName, string? formatGiven, TargetOptions target, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        string format = formatGiven ?? "text";
        if (!TableWriter.Formats.Contains(format))
        {
            throw UsageException.ForOption("--format", $"must be one of {string.Join(", ", TableWriter.Formats)} (got '{format}')");
        }

        await using ICampaignTarget source = await CampaignTargets.OpenAsync(target, stderr, cancellationToken);
        CampaignReadout campaign = await source.ReadAsync(campaignName, withResults: false, cancellationToken);
        stdout.Write(TableWriter.Render(campaign.Table, campaign.Status.PointSummaries, format));
        return 0;
    }

    private static string EtaText(CampaignStatus s) => CampaignEta.Snapshot(s, DateTimeOffset.UtcNow) is { } eta
        ? string.Create(CultureInfo.InvariantCulture, $"; {(eta.DoneFraction is { } f ? $"{100 * f:F0}% of the cost done, " : string.Empty)}ETA {eta.RemainingText}{(eta.SlotsBusy is { } b ? $" at {b:F1} busy slots" : string.Empty)}")
        : string.Empty;

    private static string FinishedText(CampaignStatus s)
        => s.FinishedAt is { } at ? string.Create(CultureInfo.InvariantCulture, $"; finished {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC") : string.Empty;

    public static string StateWord(CampaignStatus s)
        => s.Cancelled ? "cancelled" : s.PointsDone + s.PointsFailed == s.Points ? (s.PointsFailed > 0 ? "failed" : "finished") : "running";
}
