using System.Globalization;
using Sweep.Campaigns;
using Sweep.Client.Cli;
using Sweep.Client.Estimate;
using Sweep.Physics.Kernel;

namespace Sweep.Client.Commands;

/// <summary>
/// `sweep estimate SPEC`: the campaign's size and, from timing a few realizations of every
/// (d, N) of the spec on this machine, its kernel wall time from scratch, before anything runs.
/// </summary>
internal static class EstimateCommand
{
    public static int Run(string specPath, int? coresGiven, double? calibrationSeconds, TextWriter stdout, TextWriter stderr)
    {
        int cores = coresGiven ?? Environment.ProcessorCount;
        if (cores < 1)
        {
            throw UsageException.ForOption("--cores", $"must be at least 1 (got {cores})");
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

        return 0;
    }

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
