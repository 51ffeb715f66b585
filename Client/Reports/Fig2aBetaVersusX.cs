using System.Globalization;
using ScottPlot;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Scaling;

namespace Sweep.Client.Reports;

/// <summary>
/// Fig. 2(a): fitted beta of mag and pur versus the disorder x (log axis) at one (d, alpha, N),
/// with jackknife error bars and the thermodynamic value d/alpha. Failed fits are left out.
/// </summary>
internal static class Fig2aBetaVersusX
{
    public const int MinimumXValues = 3;

    public static readonly string[] Columns = ["x", "beta", "beta_err_jackknife"];

    public static string Stem(int d, double alpha, int n) => string.Create(CultureInfo.InvariantCulture, $"fig2a_d{d}_alpha{alpha:R}_N{n}");

    /// <summary>The (d, alpha, N) groups of finished points with at least three x values.</summary>
    public static IEnumerable<IGrouping<(int D, double Alpha, int N), FittedPoint>> Groups(IEnumerable<FittedPoint> results)
        => results
            .GroupBy(r => (r.Key.D, r.Key.Alpha, r.Key.N))
            .Where(g => g.Select(r => r.Key.X).Distinct().Count() >= MinimumXValues)
            .OrderBy(g => g.Key.D).ThenBy(g => g.Key.Alpha).ThenBy(g => g.Key.N);

    public static Figure Build(int d, double alpha, int n, IEnumerable<FittedPoint> points)
    {
        FittedPoint[] sorted = points.OrderBy(r => r.Key.X).ToArray();
        var plot = new Plot();
        var series = new List<PlottedSeries>();
        foreach ((Observable observable, Color color, MarkerShape marker) in new[] { (Observable.Mag, Colors.C0, MarkerShape.FilledCircle), (Observable.Pur, Colors.C1, MarkerShape.FilledSquare) })
        {
            string name = observable.Name();
            var rows = sorted
                .Select(r => (r.Key.X, Fit: observable == Observable.Mag ? r.FitMag : r.FitPur))
                .Where(p => p.Fit.Ok)
                .Select(p => new[] { p.X, p.Fit.Beta, p.Fit.BetaJackknifeError })
                .ToList();
            series.Add(new PlottedSeries(name, rows));
            if (rows.Count == 0)
            {
                continue;
            }

            double[] xs = LogAxis.ToLog(rows.Select(r => r[0]));
            double[] ys = rows.Select(r => r[1]).ToArray();
            var markers = plot.Add.ScatterLine(xs, ys, color);
            markers.MarkerShape = marker;
            markers.MarkerSize = 9;
            markers.LegendText = $"beta of {name}";
            var bars = plot.Add.ErrorBar(xs, ys, rows.Select(r => double.IsFinite(r[2]) ? r[2] : 0).ToArray());
            bars.Color = color;
        }

        double limit = (double)d / alpha;
        double[] xRange = sorted.Length > 0 ? [sorted[0].Key.X, sorted[^1].Key.X] : [];
        series.Add(new PlottedSeries("d/alpha", xRange.Select(x => new[] { x, limit, double.NaN }).ToList()));
        var line = plot.Add.HorizontalLine(limit, 2, Colors.Black, LinePattern.Dashed);
        line.LegendText = string.Create(CultureInfo.InvariantCulture, $"d/alpha = {limit:0.####}");

        string title = string.Create(CultureInfo.InvariantCulture, $"Fig. 2(a): beta versus x, d = {d}, alpha = {alpha:R}, N = {n}, Ns = {sorted.Select(r => r.Realizations).DefaultIfEmpty().Max()}");
        plot.Title(title, size: 16);
        plot.XLabel("x = N r_b^d / r0^d  (disorder; log scale; small x = strong disorder)");
        plot.YLabel("fitted stretching exponent beta");
        LogAxis.Apply(plot.Axes.Bottom, sorted.Select(r => r.Key.X));
        plot.ShowLegend(Alignment.LowerLeft);
        const string note = "beta of f(t) = A exp(-(gamma t)^beta) fitted to the ensemble average; error bars = jackknife over fixed blocks of realizations; the dashed line is the thermodynamic limit d/alpha.";
        return new Figure(Stem(d, alpha, n), title, plot, FigureSize.PaperWidth, FigureSize.PaperHeight, Columns, series, note);
    }
}
