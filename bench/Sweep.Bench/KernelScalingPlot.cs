using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Sweep.Bench;

/// <summary>
/// Draws what scripts/kernel-scaling measured: `Sweep.Bench kernel-scaling-plot in.csv out-stem`
/// writes out-stem-time.png (CPU seconds per realization) and out-stem-memory.png (peak resident
/// set per realization, MB) against N on log-log axes, one line per (d, alpha), with N^1 and N^2
/// guides so the growth exponents can be read off the slopes.
/// </summary>
internal static class KernelScalingPlot
{
    private sealed record Row(int D, double Alpha, int N, double CpuSeconds, double PeakRssMb);

    internal static int Run(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: Sweep.Bench kernel-scaling-plot in.csv out-stem");
            return 2;
        }

        Row[] rows = Read(args[0]);
        string kernel = File.ReadLines(args[0]).Skip(1).Where(l => !l.StartsWith('#')).Select(l => l.Split(',')[4]).FirstOrDefault() ?? "?";
        Save(rows, r => r.CpuSeconds, "CPU seconds per realization (one thread; log scale)", $"One realization versus N, kernel {kernel}: time", $"{args[1]}-time.png");
        Save(rows, r => r.PeakRssMb, "peak resident set per realization, MB (log scale)", $"One realization versus N, kernel {kernel}: memory", $"{args[1]}-memory.png");
        return 0;
    }

    private static Row[] Read(string path)
    {
        var c = CultureInfo.InvariantCulture;
        return File.ReadLines(path).Skip(1)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(','))
            .Select(f => new Row(int.Parse(f[0], c), double.Parse(f[1], c), int.Parse(f[3], c), double.Parse(f[6], c), double.Parse(f[7], c)))
            .ToArray();
    }

    private static void Save(Row[] rows, Func<Row, double> value, string yLabel, string title, string path)
    {
        var plot = new Plot();
        Color[] palette = [Colors.Blue, Colors.Orange, Colors.Green, Colors.Red, Colors.Purple, Colors.Brown, Colors.Magenta, Colors.Gray, Colors.Olive];
        int i = 0;
        foreach (var group in rows.GroupBy(r => (r.D, r.Alpha)).OrderBy(g => g.Key.D).ThenBy(g => g.Key.Alpha))
        {
            Row[] line = group.OrderBy(r => r.N).ToArray();
            var scatter = plot.Add.Scatter(line.Select(r => Math.Log10(r.N)).ToArray(), line.Select(r => Math.Log10(value(r))).ToArray(), palette[i++ % palette.Length]);
            scatter.LegendText = string.Create(CultureInfo.InvariantCulture, $"d = {group.Key.D}, alpha = {group.Key.Alpha:R}");
            scatter.MarkerSize = 7;
            scatter.LineWidth = 2;
            scatter.LinePattern = group.Key.Alpha == group.Key.D ? LinePattern.Dotted : LinePattern.Solid;
        }

        // Guides through the smallest cell-kernel size's median value: slope 1 and slope 2.
        double n0 = rows.Where(r => r.N >= 8192).Select(r => (double)r.N).DefaultIfEmpty(rows.Min(r => r.N)).Min();
        double v0 = Median(rows.Where(r => r.N == n0).Select(value));
        double nMax = rows.Max(r => r.N);
        foreach ((double slope, string label) in new[] { (1.0, "~ N (guide)"), (2.0, "~ N^2 (guide)") })
        {
            var guide = plot.Add.Line(Math.Log10(n0), Math.Log10(v0), Math.Log10(nMax), Math.Log10(v0) + (slope * Math.Log10(nMax / n0)));
            guide.Color = Colors.Black.WithAlpha(0.4);
            guide.LinePattern = LinePattern.Dashed;
            guide.LegendText = label;
        }

        plot.Title(title, size: 15);
        plot.XLabel("N  (spins; log scale)");
        plot.YLabel(yLabel);
        plot.Axes.Bottom.TickGenerator = DecadeTicks(rows.Select(r => (double)r.N));
        plot.Axes.Left.TickGenerator = DecadeTicks(rows.Select(value));
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 1000, 700);
        Console.WriteLine(path);
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 1 : sorted[sorted.Length / 2];
    }

    // Ticks at 1, 2 and 5 times each power of ten, labelled with the original numbers.
    private static NumericManual DecadeTicks(IEnumerable<double> values)
    {
        double[] logs = values.Where(v => v > 0).Select(Math.Log10).ToArray();
        var ticks = new NumericManual();
        for (int e = (int)Math.Floor(logs.Min()) - 1; e <= (int)Math.Ceiling(logs.Max()) + 1; e++)
        {
            foreach (int m in new[] { 1, 2, 5 })
            {
                double v = m * Math.Pow(10, e);
                ticks.AddMajor(Math.Log10(v), v.ToString(v >= 1 ? "#,0" : "0.###", CultureInfo.InvariantCulture));
            }
        }

        return ticks;
    }
}
