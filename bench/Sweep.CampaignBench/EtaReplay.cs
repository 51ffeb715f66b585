using System.Globalization;
using Sweep.Campaigns;
using Sweep.Client.Estimate;
using Sweep.Client.Progress;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Points;
using Sweep.Physics.Scaling;

namespace Sweep.CampaignBench;

/// <summary>
/// `eta-replay SPEC DATA_DIR [--calibration cold|warm|measured|none|file:PATH] [--detail SECONDS] [--drift] [--price-window SECONDS]`: replays a finished run's progress
/// from its store (every merged batch's realizations, compute seconds and completion time) and
/// prints what the ETA (<see cref="CampaignEta"/>, <see cref="RealizationCostModel"/>,
/// <see cref="SlotThroughput"/>) would have said every 10 s, against the real remainder. The
/// prices come from <see cref="PointCalibration"/> timed in this process, cold (as `sweep run`
/// times them in its first seconds) or warm, so a change to the cost model can be judged
/// against one recorded run in seconds instead of a new ten-minute run per change. `measured`
/// prices each point at what its batches took (an oracle: the model's error apart from the
/// calibration's); `file:PATH` reads prices as lines "d alpha x N seconds" (for example the
/// calibration a run computed, written out by a diagnostic build); `--detail` prints each class's
/// priced and real remainder at that second; `--drift` the measured over calibrated seconds of
/// the batches merged in each 20 s.
/// </summary>
internal static class EtaReplay
{
    public static int Run(string[] args)
    {
        CampaignSpec spec = CampaignSpecParser.ParseFile(args[0]).GetSpecOrThrow();
        string mode = Option(args, "--calibration") ?? "cold";
        double? detail = Option(args, "--detail") is { } d ? double.Parse(d, CultureInfo.InvariantCulture) : null;
        StoredBatchTimes stored = StoredBatchTimes.Read(args[1], spec.Name);
        IReadOnlyList<BatchTime> computed = stored.Batches;
        var targets = stored.Status.PointSummaries.ToDictionary(p => p.Key.GrainKey, p => (p.Key, Target: p.RealizationsTarget, p.Observables));

        // A stopped store may not keep the submission: the first batch's start stands in for it.
        DateTimeOffset start = stored.Status.SubmittedAt ?? computed.Min(b => b.ComputedAt - TimeSpan.FromSeconds(b.Seconds));
        var batches = computed.Select(b => (b.Key, b.Count, b.Seconds, At: (b.ComputedAt - start).TotalSeconds)).ToList();

        // "measured": each point priced at what its batches took, an oracle that shows the model's error apart from the calibration's.
        IReadOnlyDictionary<GridPoint, double>? calibrated = mode switch
        {
            "none" => null,
            "measured" => computed.GroupBy(b => b.Key.Point).ToDictionary(g => g.Key, g => g.Sum(b => b.Seconds) / g.Sum(b => b.Count)),
            _ when mode.StartsWith("file:", StringComparison.Ordinal) => File.ReadAllLines(mode[5..]).Select(l => l.Split(' ')).ToDictionary(
                f => new GridPoint(int.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture)),
                f => double.Parse(f[4], CultureInfo.InvariantCulture)),
            _ => PointCalibration.Run(spec, largestN: 2000),
        };
        if (mode == "warm")
        {
            calibrated = PointCalibration.Run(spec, largestN: 2000);
        }

        batches.Sort((a, b) => a.At.CompareTo(b.At));
        if (args.Contains("--drift") && calibrated is not null)
        {
            // Measured over calibrated seconds of the batches merged in each 20 s: how the price of work changes over the run.
            foreach (var w in batches.GroupBy(b => (int)(b.At / 20)))
            {
                double m = w.Sum(b => b.Seconds);
                double c = w.Sum(b => b.Count * calibrated.GetValueOrDefault(b.Key.Point, double.NaN));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"drift {w.Key * 20,4}-{w.Key * 20 + 20,4} s: {w.Count(),4} batches, measured {m,6:F1} s / calibrated {c,6:F1} s = {m / c:F2}; classes {string.Join(' ', w.Select(b => $"{b.Key.D}D{b.Key.N}").Distinct().Take(6))}"));
            }
        }

        double end = batches[^1].At;
        TimeSpan? priceWindow = Option(args, "--price-window") is { } pw ? TimeSpan.FromSeconds(double.Parse(pw, CultureInfo.InvariantCulture)) : null;
        var tracker = new CampaignEtaTracker(Client.Output.ProgressReporter.ThroughputWindow, priceWindow);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{batches.Count} batches, {end:F0} s from submission to the last batch; calibration {mode}"));
        Console.WriteLine("| wall (s) | wall share | cost share | compute share | slots busy | price scale | ETA (s) | real remainder (s) | ratio |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        double total = batches.Sum(b => b.Seconds);
        int next = 0;
        var done = new Dictionary<string, (long Realizations, double Seconds)>();
        for (double t = 10; t < end; t += 10)
        {
            for (; next < batches.Count && batches[next].At <= t; next++)
            {
                (long n, double s) = done.GetValueOrDefault(batches[next].Key.GrainKey);
                done[batches[next].Key.GrainKey] = (n + batches[next].Count, s + batches[next].Seconds);
            }

            PointSummary[] points = [.. targets.Values.Select(p =>
            {
                (long n, double s) = done.GetValueOrDefault(p.Key.GrainKey);
                PointStatus status = n >= p.Target ? PointStatus.Done : n > 0 ? PointStatus.Running : PointStatus.Pending;
                return new PointSummary(p.Key, status, n, p.Target, 0, 1, null, null, null, p.Observables) { RealizationsComputed = n, ComputeSeconds = s };
            })];
            var status = new CampaignStatus(spec.Name, true, false, points.Length, points.Count(p => p.Status == PointStatus.Done), 0, points.Sum(p => p.RealizationsDone), points.Sum(p => p.RealizationsTarget), 0, 0, points, SubmittedAt: start);
            CampaignEta eta = tracker.Observe(t, status, calibrated);
            double? remaining = eta.Remaining?.TotalSeconds;
            if (detail is { } at && t == at)
            {
                PrintClasses(points, RealizationCostModel.Learn(points, calibrated, tracker.PriceScale), calibrated, batches);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {t:F0} | {t / end:P0} | {eta.DoneFraction:P0} | {points.Sum(p => p.ComputeSeconds) / total:P0} | {eta.SlotsBusy:F2} | {tracker.PriceScale:F2} | {remaining:F0} | {end - t:F0} | {remaining / (end - t):F2} |"));
        }

        return 0;
    }

    private static void PrintClasses(PointSummary[] points, RealizationCostModel costs, IReadOnlyDictionary<GridPoint, double>? calibrated, List<(PointKey Key, int Count, double Seconds, double At)> batches)
    {
        var actual = batches.GroupBy(b => (b.Key.D, b.Key.N)).ToDictionary(g => g.Key, g => g.Sum(b => b.Seconds) / g.Sum(b => b.Count));
        Console.WriteLine("| d | N | realizations left | priced (slot-s) | at the run's mean (slot-s) | ratio | calibrated (s) | done (slot-s) | done calibrated (s) |");
        foreach (var g in points.GroupBy(p => (p.Key.D, p.Key.N)).OrderByDescending(g => g.Key.D).ThenBy(g => g.Key.N))
        {
            double priced = g.Sum(p => (p.RealizationsTarget - p.RealizationsDone) * (costs.SecondsPerRealization(p.Key.Point) ?? double.NaN));
            long left = g.Sum(p => p.RealizationsTarget - p.RealizationsDone);
            double real = left * actual[g.Key];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {g.Key.D} | {g.Key.N} | {left:N0} | {priced:F1} | {real:F1} | {priced / real:F2} | {g.Sum(p => (p.RealizationsTarget - p.RealizationsDone) * calibrated?.GetValueOrDefault(p.Key.Point, double.NaN)):F1} | {g.Sum(p => p.ComputeSeconds):F1} | {g.Sum(p => p.RealizationsDone * calibrated?.GetValueOrDefault(p.Key.Point, double.NaN)):F1} |"));
        }
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
