using System.Globalization;
using Sweep.Campaigns;
using Sweep.Client.Estimate;
using Sweep.Physics.Points;

namespace Sweep.CampaignBench;

/// <summary>
/// `eta-prices SPEC DATA_DIR`: how the ETA's calibrated prices compare with what a finished run's
/// batches measured. Times every point of SPEC up to 2,000 spins as `sweep run` does
/// (<see cref="PointCalibration"/>, first in a cold process, then again warm), reads the stopped
/// store's merged batches (<see cref="StoredBatchTimes"/>), and prints per (d, N)
/// class the summed calibrated and measured slot-seconds and their ratio. The ETA prices a class
/// not computed yet by the ratio learned on the classes computed so far, so classes whose ratio
/// differs are the ones it misprices.
/// </summary>
internal static class EtaPrices
{
    public static int Run(string[] args)
    {
        CampaignSpec spec = CampaignSpecParser.ParseFile(args[0]).GetSpecOrThrow();
        var measuredByPoint = StoredBatchTimes.Read(args[1], spec.Name).Batches
            .GroupBy(b => b.Key.Point)
            .ToDictionary(g => g.Key, g => (Realizations: g.Sum(b => (long)b.Count), Seconds: g.Sum(b => b.Seconds)));
        IReadOnlyDictionary<GridPoint, double> cold = PointCalibration.Run(spec, largestN: 2000);
        IReadOnlyDictionary<GridPoint, double> warm = PointCalibration.Run(spec, largestN: 2000);

        Console.WriteLine("| d | N | points | realizations | measured (slot-s) | cold calibration (s) | warm calibration (s) | measured / cold | measured / warm |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        double mAll = 0, cAll = 0, wAll = 0;
        foreach (var g in measuredByPoint.GroupBy(p => (p.Key.D, p.Key.N)).OrderByDescending(g => g.Key.D).ThenBy(g => g.Key.N))
        {
            double measured = g.Sum(p => p.Value.Seconds);
            double c = g.Sum(p => p.Value.Realizations * cold.GetValueOrDefault(p.Key, double.NaN));
            double w = g.Sum(p => p.Value.Realizations * warm.GetValueOrDefault(p.Key, double.NaN));
            if (double.IsFinite(c))
            {
                mAll += measured;
                cAll += c;
                wAll += w;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {g.Key.D} | {g.Key.N} | {g.Count()} | {g.Sum(p => p.Value.Realizations):N0} | {measured:F2} | {c:F2} | {w:F2} | {measured / c:F2} | {measured / w:F2} |"));
        }

        Console.WriteLine("points whose price is furthest off (by slot-seconds mispriced, warm):");
        foreach (var p in measuredByPoint.Where(p => warm.ContainsKey(p.Key)).OrderByDescending(p => Math.Abs(p.Value.Seconds - p.Value.Realizations * warm[p.Key])).Take(15))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p.Key}: measured {1e6 * p.Value.Seconds / p.Value.Realizations:F1} us, cold {1e6 * cold[p.Key]:F1} us, warm {1e6 * warm[p.Key]:F1} us per realization"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all calibrated classes: measured {mAll:F1} slot-s, cold {cAll:F1} s, warm {wAll:F1} s; ratios {mAll / cAll:F2} and {mAll / wAll:F2}"));
        return 0;
    }
}
