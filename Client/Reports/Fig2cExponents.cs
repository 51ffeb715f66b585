using System.Globalization;
using ScottPlot;
using Sweep.Grains.Interfaces;
using Sweep.Physics.Scaling;

namespace Sweep.Client.Reports;

/// <summary>
/// Fig. 2(c): the finite-size exponent p of |beta - d/alpha| ~ N^-p versus alpha, one marker
/// shape per d, blue for mag and orange for pur: the scaling table as a picture.
/// </summary>
internal static class Fig2cExponents
{
    public const string Stem = "fig2c";

    public static readonly string[] Columns = ["d", "alpha", "p", "p_err"];

    private static readonly MarkerShape[] Markers = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp];

    public static Figure Build(IEnumerable<ExponentRow> exponents)
    {
        var plot = new Plot();
        var series = new List<PlottedSeries>();
        ExponentRow[] all = exponents.ToArray();
        foreach (int d in all.Select(e => e.D).Distinct().Order())
        {
            foreach ((Observable observable, Color color) in new[] { (Observable.Mag, Colors.C0), (Observable.Pur, Colors.C1) })
            {
                string name = observable.Name();
                var rows = all.Where(e => e.D == d && e.Observable == observable && e.Error is null)
                    .OrderBy(e => e.Alpha)
                    .Select(e => new[] { d, e.Alpha, e.P, e.PErr })
                    .ToList();
                if (rows.Count == 0)
                {
                    continue;
                }

                string label = $"{name}, d = {d}";
                series.Add(new PlottedSeries(label, rows));
                double[] xs = rows.Select(r => r[1]).ToArray();
                double[] ys = rows.Select(r => r[2]).ToArray();
                var points = plot.Add.ScatterLine(xs, ys, color);
                points.MarkerShape = Markers[(d - 1) % Markers.Length];
                points.MarkerSize = 10;
                points.LinePattern = observable == Observable.Mag ? LinePattern.Solid : LinePattern.Dotted;
                points.LegendText = label;
                var bars = plot.Add.ErrorBar(xs, ys, rows.Select(r => double.IsFinite(r[3]) ? r[3] : 0).ToArray());
                bars.Color = color;
            }
        }

        const string title = "Fig. 2(c): finite-size exponent p of |beta - d/alpha| ~ N^-p";
        plot.Title(title, size: 16);
        plot.XLabel("alpha  (coupling power, J ~ 1/r^alpha)");
        plot.YLabel("p  (dimensionless)");
        plot.ShowLegend(Alignment.UpperRight);
        const string note = "p and its error from the power-law fit of each (d, alpha, observable) over the N of the blocks that declare that observable; fits that failed are left out (see the exponent table).";
        return new Figure(Stem, title, plot, FigureSize.PaperWidth, FigureSize.PaperHeight, Columns, series, note);
    }
}
