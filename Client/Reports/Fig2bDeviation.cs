using System.Globalization;
using ScottPlot;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Scaling;

namespace Sweep.Client.Reports;

/// <summary>
/// Fig. 2(b): |mean beta - d/alpha| versus N on log-log axes at one (d, alpha), for mag and
/// pur: beta averaged over the strongly disordered x, error bars the standard deviation over
/// those x (as the paper), the jackknife error beside it in the data, and the fitted power law
/// c N^-p over the N the fit used.
/// </summary>
internal static class Fig2bDeviation
{
    public static readonly string[] Columns = ["N", "deviation", "beta_std", "beta_err_jackknife", "mean_beta", "x_count"];

    public static string Stem(int d, double alpha) => string.Create(CultureInfo.InvariantCulture, $"fig2b_d{d}_alpha{alpha:R}");

    public static Figure Build(int d, double alpha, IEnumerable<DeviationRow> deviations, IEnumerable<ExponentRow> exponents, double strongDisorderMaxX)
    {
        var plot = new Plot();
        var series = new List<PlottedSeries>();
        DeviationRow[] rows = deviations.Where(r => r.D == d && r.Alpha == alpha).ToArray();
        ExponentRow[] fits = exponents.Where(e => e.D == d && e.Alpha == alpha).ToArray();
        foreach ((Observable observable, Color color, MarkerShape marker) in new[] { (Observable.Mag, Colors.C0, MarkerShape.FilledCircle), (Observable.Pur, Colors.C1, MarkerShape.FilledSquare) })
        {
            string name = observable.Name();
            var data = rows.Where(r => r.Observable == observable).OrderBy(r => r.N)
                .Select(r => new[] { r.N, r.Deviation, r.BetaStd, r.BetaJackknifeError, r.MeanBeta, r.XCount })
                .ToList();
            series.Add(new PlottedSeries(name, data));
            var drawn = data.Where(r => r[1] > 0).ToArray();
            if (drawn.Length > 0)
            {
                double[] xs = LogAxis.ToLog(drawn.Select(r => r[0]));
                double[] ys = LogAxis.ToLog(drawn.Select(r => r[1]));
                var points = plot.Add.ScatterPoints(xs, ys, color);
                points.MarkerShape = marker;
                points.MarkerSize = 10;
                points.LegendText = $"|beta - d/alpha|, {name}";

                // On a log axis the bar y +- std is asymmetric; a lower end at or below zero is
                // drawn down to a hundredth of the value.
                double[] up = drawn.Select((r, j) => LogAxis.ToLog(r[1] + Finite(r[2])) - ys[j]).ToArray();
                double[] down = drawn.Select((r, j) => ys[j] - LogAxis.ToLog(Math.Max(r[1] - Finite(r[2]), r[1] / 100))).ToArray();
                var bars = plot.Add.Plottable(new ScottPlot.Plottables.ErrorBar(xs, ys, null, null, down, up));
                ((ScottPlot.Plottables.ErrorBar)bars).Color = color;
            }

            ExponentRow? fit = fits.FirstOrDefault(f => f.Observable == observable);
            if (fit is { Error: null } && fit.N.Length > 0)
            {
                double[] ns = [fit.N.Min(), fit.N.Max()];
                double[][] line = ns.Select(n => new[] { n, fit.Amplitude * Math.Pow(n, -fit.P), double.NaN, double.NaN, double.NaN, double.NaN }).ToArray();
                series.Add(new PlottedSeries($"{name} power law", line));
                var l = plot.Add.ScatterLine(LogAxis.ToLog(line.Select(r => r[0])), LogAxis.ToLog(line.Select(r => r[1])), color);
                l.LinePattern = LinePattern.Dashed;
                l.LineWidth = 2;
                l.LegendText = string.Create(CultureInfo.InvariantCulture, $"{name}: {fit.Amplitude:0.###} N^-p, p = {fit.P:0.###} +- {fit.PErr:0.###}");
            }
        }

        string title = string.Create(CultureInfo.InvariantCulture, $"Fig. 2(b): |beta - d/alpha| versus N, d = {d}, alpha = {alpha:R} (beta averaged over x <= {strongDisorderMaxX:R})");
        plot.Title(title, size: 16);
        plot.XLabel("N  (spins; log scale)");
        plot.YLabel("|beta - d/alpha|  (log scale)");
        LogAxis.Apply(plot.Axes.Bottom, rows.Select(r => (double)r.N));
        LogAxis.Apply(plot.Axes.Left, series.SelectMany(s => s.Rows).SelectMany(r => new[] { r[1], r[1] + (double.IsFinite(r[2]) ? r[2] : 0) }));
        plot.ShowLegend(Alignment.LowerLeft);
        const string note = "deviation = |mean beta - d/alpha| over the strongly disordered x; error bars = beta_std (standard deviation over those x, as the paper); beta_err_jackknife = error of the mean from the points' jackknife errors (not drawn); dashed = fitted c N^-p over the N it used (rows N, c N^-p). Points with zero deviation cannot be drawn on log axes.";
        return new Figure(Stem(d, alpha), title, plot, FigureSize.PaperWidth, FigureSize.PaperHeight, Columns, series, note);
    }

    private static double Finite(double v) => double.IsFinite(v) ? v : 0;
}
