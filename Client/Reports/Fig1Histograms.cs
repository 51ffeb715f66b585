using System.Globalization;
using ScottPlot;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Points;
using Sweep.Physics.Scaling;

namespace Sweep.Client.Reports;

/// <summary>
/// Fig. 1 (bottom): histograms of P_i (or P_i^2) of every spin of the realization at exactly
/// the snapshot's histogram times (t = 1, 3, 10), drawn as outlines so the times overlay.
/// </summary>
internal static class Fig1Histograms
{
    public const int Bins = SpinSnapshotSummary.Bins;

    public static readonly string[] Columns = ["bin_low", "bin_high", "spins"];

    public static Figure Build(SnapshotPoint point, Observable observable, string unitNote)
    {
        ArgumentNullException.ThrowIfNull(point);
        SpinSnapshotSummary s = point.Snapshot;
        PointKey k = point.Key;
        bool pur = observable == Observable.Pur;
        double lo = pur ? SpinSnapshotSummary.PurLow : SpinSnapshotSummary.MagLow;
        const double hi = SpinSnapshotSummary.High;
        var plot = new Plot();
        var series = new List<PlottedSeries>();
        IPalette palette = new ScottPlot.Palettes.Category10();
        for (int h = 0; h < s.HistogramTimes.Length; h++)
        {
            // Counted when the snapshot was summarized (SpinHistogram), over all N spins.
            int[] counts = (pur ? s.PurHistogram(h) : s.MagHistogram(h)).ToArray();
            var rows = new List<double[]>();
            var xs = new List<double>();
            var ys = new List<double>();
            for (int b = 0; b < Bins; b++)
            {
                (double a, double z) = SpinHistogram.Edges(lo, hi, Bins, b);
                rows.Add([a, z, counts[b]]);
                xs.AddRange([a, z]);
                ys.AddRange([counts[b], counts[b]]);
            }

            string name = string.Create(CultureInfo.InvariantCulture, $"t = {s.HistogramTimes[h]:R}");
            series.Add(new PlottedSeries(name, rows));
            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), palette.GetColor(h));
            line.LineWidth = 2;
            line.LegendText = name;
        }

        string what = pur ? "P_i^2" : "P_i";
        string title = string.Create(CultureInfo.InvariantCulture, $"Fig. 1: histogram of {what} over all {s.N} spins at t = {string.Join(", ", s.HistogramTimes)}, d = {k.D}, alpha = {k.Alpha:R}, x = {k.X:R}, N = {k.N}");
        plot.Title(title, size: 15);
        plot.XLabel(pur ? "P_i^2 = 2 tr(rho_i^2) - 1" : "P_i = <sigma_x,i>");
        plot.YLabel($"spins per bin (bin width {(hi - lo) / Bins:0.###})");
        plot.ShowLegend(Alignment.UpperCenter);
        string note = $"{Bins} equal bins on [{lo}, 1]; the last bin includes 1. Times in {unitNote}, evaluated exactly there (not on the t grid), realization {s.R}.";
        return new Figure(pur ? "fig1_pur_hist" : "fig1_mag_hist", title, plot, FigureSize.PaperWidth, FigureSize.PaperHeight, Columns, series, note);
    }
}
