using System.Globalization;
using ScottPlot;
using Sweep.Client.Commands;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Reports;

/// <summary>
/// The residuals average - fit of mag and pur of one finished point over each fit window,
/// with a band of one standard error: structure beyond the band shows where the stretched
/// exponential misses the data.
/// </summary>
internal static class PointResiduals
{
    public static readonly string[] Columns = ["t", "residual", "sem"];

    public static string Stem(PointKey key) => $"points/{ExportCommand.FileStem(key)}_residuals";

    public static Figure Build(PointResult r, string unitNote)
    {
        ArgumentNullException.ThrowIfNull(r);
        var plot = new Plot();
        var series = new List<PlottedSeries>();
        foreach ((string name, double[] v, double[] sem, FitData fit, Color color) in new[]
        {
            ("mag", r.Mag, r.MagSem, r.FitMag, Colors.C0),
            ("pur", r.Pur, r.PurSem, r.FitPur, Colors.C1),
        })
        {
            var rows = new List<double[]>();
            if (fit.Ok)
            {
                for (int j = fit.I0; j <= fit.I1; j++)
                {
                    rows.Add([r.T[j], v[j] - PointCurve.FitValue(fit, r.T[j]), sem[j]]);
                }
            }

            series.Add(new PlottedSeries(name, rows));
            if (rows.Count == 0)
            {
                continue;
            }

            double[] logT = LogAxis.ToLog(rows.Select(x => x[0]));
            var band = plot.Add.FillY(logT, rows.Select(x => -x[2]).ToArray(), rows.Select(x => x[2]).ToArray());
            band.FillColor = color.WithAlpha(0.2);
            var line = plot.Add.ScatterLine(logT, rows.Select(x => x[1]).ToArray(), color);
            line.LineWidth = 2;
            line.LegendText = $"{name} - fit (band: +- 1 standard error)";
        }

        plot.Add.HorizontalLine(0, 1, Colors.Black);
        PointKey k = r.Key;
        string title = string.Create(CultureInfo.InvariantCulture, $"residuals (average - fit) in the fit windows: d = {k.D}, alpha = {k.Alpha:R}, x = {k.X:R}, N = {k.N}");
        plot.Title(title, size: 15);
        plot.XLabel($"t  ({unitNote}, log scale)");
        plot.YLabel("average - fit  (dimensionless)");
        LogAxis.Apply(plot.Axes.Bottom, r.T);
        plot.ShowLegend(Alignment.LowerLeft);
        return new Figure(Stem(k), title, plot, FigureSize.PageWidth, FigureSize.PageHeight, Columns, series, "residual = average - fitted A exp(-(gamma t)^beta) at the grid points of each fit window; sem = standard error of the mean.");
    }
}
